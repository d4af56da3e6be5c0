using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianxun.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SeriesPageBudget : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PageBudget",
                table: "Series",
                type: "INTEGER",
                nullable: false,
                defaultValue: 4); // Series.DefaultPageBudget: existing series get four pages.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PageBudget",
                table: "Series");
        }
    }
}
