using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianxun.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The search index is not part of the EF model: Jianxun.Core/Search/PostgresSearchIndex.cs owns these tables.
            migrationBuilder.Sql("""
                CREATE TABLE search_docs (
                    id bigint PRIMARY KEY, kind integer NOT NULL, ref_id integer NOT NULL, issue_id integer NULL,
                    series_id integer NULL, column_id integer NULL, column_name text NULL, source integer NOT NULL,
                    status integer NULL, created_by integer NULL, date text NULL, year integer NULL,
                    title text NOT NULL, body text NOT NULL, norm text NOT NULL, title_norm text NOT NULL, units text NOT NULL,
                    words tsvector NOT NULL, grams tsvector NOT NULL);
                CREATE INDEX ix_search_docs_words ON search_docs USING GIN (words);
                CREATE INDEX ix_search_docs_grams ON search_docs USING GIN (grams);
                CREATE INDEX ix_search_docs_issue ON search_docs (issue_id);
                CREATE INDEX ix_search_docs_date ON search_docs (date);
                CREATE TABLE search_doc_units (doc_id bigint NOT NULL, unit_id integer NOT NULL, PRIMARY KEY (unit_id, doc_id));
                CREATE INDEX ix_search_doc_units_doc ON search_doc_units (doc_id);
                CREATE TABLE search_doc_persons (doc_id bigint NOT NULL, name text NOT NULL, PRIMARY KEY (name, doc_id));
                CREATE INDEX ix_search_doc_persons_doc ON search_doc_persons (doc_id);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE IF EXISTS search_doc_persons;
                DROP TABLE IF EXISTS search_doc_units;
                DROP TABLE IF EXISTS search_docs;
                """);
        }
    }
}
