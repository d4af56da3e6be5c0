using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianxun.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchNGramMarks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ADR-011: bigrams and trigrams are written after a private-use mark, so searches match them without a column
            // filter. The stored tokens change: the migrator rebuilds the index (and the rebuild compacts it).
            migrationBuilder.Sql("UPDATE search_state SET rebuild = 1;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE search_state SET rebuild = 1;");
        }
    }
}
