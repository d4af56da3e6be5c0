using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianxun.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ADR-009. One FTS5 table with positional bigrams replaces search_words and search_grams; the texts move out of
            // search_docs into search_texts; search_state and search_tombstones keep each process's catalog current.
            // The new bigram column cannot be computed in SQL, so the index is emptied and rebuild = 1 makes
            // DatabaseMigrator rebuild it (the same code as `jianxun search reindex`) right after migrating.
            migrationBuilder.Sql("""
                DROP TABLE IF EXISTS search_grams;
                DROP TABLE IF EXISTS search_words;
                DROP TABLE IF EXISTS search_doc_persons;
                DROP TABLE IF EXISTS search_doc_units;
                DROP TABLE IF EXISTS search_docs;
                CREATE TABLE search_docs (
                    id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, ref_id INTEGER NOT NULL, issue_id INTEGER NULL,
                    series_id INTEGER NULL, column_id INTEGER NULL, column_name TEXT NULL, source INTEGER NOT NULL,
                    status INTEGER NULL, created_by INTEGER NULL, date TEXT NULL, year INTEGER NULL,
                    title TEXT NOT NULL, units TEXT NOT NULL, title_norm TEXT NOT NULL, gen INTEGER NOT NULL);
                CREATE INDEX ix_search_docs_issue ON search_docs (issue_id);
                CREATE INDEX ix_search_docs_gen ON search_docs (gen);
                CREATE TABLE search_texts (id INTEGER PRIMARY KEY, body TEXT NOT NULL, norm TEXT NOT NULL);
                CREATE TABLE search_doc_units (doc_id INTEGER NOT NULL, unit_id INTEGER NOT NULL, PRIMARY KEY (unit_id, doc_id)) WITHOUT ROWID;
                CREATE INDEX ix_search_doc_units_doc ON search_doc_units (doc_id);
                CREATE TABLE search_doc_persons (doc_id INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (name, doc_id)) WITHOUT ROWID;
                CREATE INDEX ix_search_doc_persons_doc ON search_doc_persons (doc_id);
                CREATE VIRTUAL TABLE search_fts USING fts5(title, body, grams, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
                CREATE TABLE search_tombstones (doc_id INTEGER NOT NULL, gen INTEGER NOT NULL);
                CREATE INDEX ix_search_tombstones_gen ON search_tombstones (gen);
                CREATE TABLE search_state (
                    id INTEGER PRIMARY KEY CHECK (id = 1), instance TEXT NOT NULL, generation INTEGER NOT NULL,
                    cleared_gen INTEGER NOT NULL, rebuild INTEGER NOT NULL);
                INSERT INTO search_state (id, instance, generation, cleared_gen, rebuild) VALUES (1, lower(hex(randomblob(16))), 1, 1, 1);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to the SearchIndex tables, empty: run `jianxun search reindex` with the older version afterwards.
            migrationBuilder.Sql("""
                DROP TABLE IF EXISTS search_state;
                DROP TABLE IF EXISTS search_tombstones;
                DROP TABLE IF EXISTS search_fts;
                DROP TABLE IF EXISTS search_doc_persons;
                DROP TABLE IF EXISTS search_doc_units;
                DROP TABLE IF EXISTS search_texts;
                DROP TABLE IF EXISTS search_docs;
                CREATE TABLE search_docs (
                    id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, ref_id INTEGER NOT NULL, issue_id INTEGER NULL,
                    series_id INTEGER NULL, column_id INTEGER NULL, column_name TEXT NULL, source INTEGER NOT NULL,
                    status INTEGER NULL, created_by INTEGER NULL, date TEXT NULL, year INTEGER NULL,
                    title TEXT NOT NULL, body TEXT NOT NULL, norm TEXT NOT NULL, title_norm TEXT NOT NULL, units TEXT NOT NULL);
                CREATE INDEX ix_search_docs_issue ON search_docs (issue_id);
                CREATE INDEX ix_search_docs_date ON search_docs (date);
                CREATE TABLE search_doc_units (doc_id INTEGER NOT NULL, unit_id INTEGER NOT NULL, PRIMARY KEY (unit_id, doc_id)) WITHOUT ROWID;
                CREATE INDEX ix_search_doc_units_doc ON search_doc_units (doc_id);
                CREATE TABLE search_doc_persons (doc_id INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (name, doc_id)) WITHOUT ROWID;
                CREATE INDEX ix_search_doc_persons_doc ON search_doc_persons (doc_id);
                CREATE VIRTUAL TABLE search_words USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
                CREATE VIRTUAL TABLE search_grams USING fts5(grams, content='', contentless_delete=1, detail='none', tokenize='unicode61 remove_diacritics 0');
                """);
        }
    }
}
