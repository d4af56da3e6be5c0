using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianxun.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchFourGrams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ADR-012: a term of four letters and digits is one four-gram token (column quad), a longer one a phrase of
            // four-grams. A contentless FTS5 table cannot gain a column: it is recreated (with ADR-011's leaf size, which a
            // new table forgets) and the migrator rebuilds the index.
            migrationBuilder.Sql("""
                DROP TABLE search_fts;
                CREATE VIRTUAL TABLE search_fts USING fts5(title, body, grams, tri, quad, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
                INSERT INTO search_fts (search_fts, rank) SELECT 'pgsz', CASE WHEN page_size >= 16384 THEN 16000 ELSE 4050 END FROM pragma_page_size();
                UPDATE search_state SET rebuild = 1;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE search_fts;
                CREATE VIRTUAL TABLE search_fts USING fts5(title, body, grams, tri, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
                INSERT INTO search_fts (search_fts, rank) SELECT 'pgsz', CASE WHEN page_size >= 16384 THEN 16000 ELSE 4050 END FROM pragma_page_size();
                UPDATE search_state SET rebuild = 1;
                """);
        }
    }
}
