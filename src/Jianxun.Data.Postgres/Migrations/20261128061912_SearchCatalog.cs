using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianxun.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SearchCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ADR-009: search_state and search_tombstones keep each process's catalog current; rows keep their vectors
            // (gen 0 is older than every catalog, whose first load is a full one), so no rebuild is needed.
            migrationBuilder.Sql("""
                ALTER TABLE search_docs ADD COLUMN gen bigint NOT NULL DEFAULT 0;
                CREATE INDEX ix_search_docs_gen ON search_docs (gen);
                DROP INDEX IF EXISTS ix_search_docs_date;
                CREATE TABLE search_tombstones (doc_id bigint NOT NULL, gen bigint NOT NULL);
                CREATE INDEX ix_search_tombstones_gen ON search_tombstones (gen);
                CREATE TABLE search_state (
                    id integer PRIMARY KEY CHECK (id = 1), instance text NOT NULL, generation bigint NOT NULL,
                    cleared_gen bigint NOT NULL, rebuild integer NOT NULL);
                INSERT INTO search_state (id, instance, generation, cleared_gen, rebuild) VALUES (1, md5(random()::text || clock_timestamp()::text), 1, 1, 0);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE IF EXISTS search_state;
                DROP TABLE IF EXISTS search_tombstones;
                DROP INDEX IF EXISTS ix_search_docs_gen;
                ALTER TABLE search_docs DROP COLUMN IF EXISTS gen;
                CREATE INDEX IF NOT EXISTS ix_search_docs_date ON search_docs (date);
                """);
        }
    }
}
