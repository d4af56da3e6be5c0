using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianxun.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchTrigrams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ADR-010: a phrase of three or more letters and digits is matched on positional trigrams (column tri), two on the
            // bigrams. A contentless FTS5 table cannot gain a column: it is recreated and the migrator rebuilds the index.
            migrationBuilder.Sql("""
                DROP TABLE search_fts;
                CREATE VIRTUAL TABLE search_fts USING fts5(title, body, grams, tri, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
                UPDATE search_state SET rebuild = 1;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE search_fts;
                CREATE VIRTUAL TABLE search_fts USING fts5(title, body, grams, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
                UPDATE search_state SET rebuild = 1;
                """);
        }
    }
}
