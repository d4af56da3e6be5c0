using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianxun.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SearchNormInline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The folded text is what strpos checks a phrase's candidates against. Stored EXTENDED it went to the TOAST table
            // with the body and the two tsvectors, and each check was a TOAST index lookup and a chunk read. MAIN keeps it
            // compressed in the row (about 1.3 KB of an article's 2.5 KB), lz4 where the server has it (faster to inflate).
            // Only rows written from now on are stored so: the migrator's rebuild rewrites every row.
            migrationBuilder.Sql("""
                ALTER TABLE search_docs ALTER COLUMN norm SET STORAGE MAIN;
                DO $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
                        ALTER TABLE search_docs ALTER COLUMN norm SET COMPRESSION lz4;
                    END IF;
                END $$;
                UPDATE search_state SET rebuild = 1;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE search_docs ALTER COLUMN norm SET STORAGE EXTENDED;
                ALTER TABLE search_docs ALTER COLUMN norm SET COMPRESSION default;
                UPDATE search_state SET rebuild = 1;
                """);
        }
    }
}
