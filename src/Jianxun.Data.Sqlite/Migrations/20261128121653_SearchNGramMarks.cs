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
            // In a file of 16 KB pages (new databases), FTS5 writes leaves of 16,000 bytes instead of 4,050, so a long
            // list is read in a quarter of the pages; in a file of 4 KB pages it keeps its default.
            migrationBuilder.Sql("""
                INSERT INTO search_fts (search_fts, rank) SELECT 'pgsz', CASE WHEN page_size >= 16384 THEN 16000 ELSE 4050 END FROM pragma_page_size();
                UPDATE search_state SET rebuild = 1;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE search_state SET rebuild = 1;");
        }
    }
}
