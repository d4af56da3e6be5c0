using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianxun.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SearchReadingScope : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The reading scope (ADR-007) moves into the search catalog (ADR-009): each archive document carries its issue's
            // reader units and, for a restricted issue, the units credited with its articles. Filled by the rebuild the
            // migrator runs when rebuild = 1.
            migrationBuilder.Sql("""
                ALTER TABLE search_docs ADD COLUMN readers text NULL;
                ALTER TABLE search_docs ADD COLUMN issue_units text NULL;
                UPDATE search_state SET rebuild = 1;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE search_docs DROP COLUMN issue_units;
                ALTER TABLE search_docs DROP COLUMN readers;
                """);
        }
    }
}
