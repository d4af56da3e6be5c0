using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianxun.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The search index is not part of the EF model: Jianxun.Core/Search/SqliteSearchIndex.cs owns these tables.
            migrationBuilder.Sql("""
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE IF EXISTS search_grams;
                DROP TABLE IF EXISTS search_words;
                DROP TABLE IF EXISTS search_doc_persons;
                DROP TABLE IF EXISTS search_doc_units;
                DROP TABLE IF EXISTS search_docs;
                """);
        }
    }
}
