using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianxun.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RevisionPhotos : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Photos",
                table: "SubmissionRevision",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Photos",
                table: "SubmissionRevision");
        }
    }
}
