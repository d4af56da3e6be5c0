using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jianxun.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ScoringAndReaders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<int>>(
                name: "ReaderUnitIds",
                table: "Series",
                type: "integer[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string>(
                name: "Typesetting",
                table: "Series",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<List<int>>(
                name: "ReaderUnitIds",
                table: "Issues",
                type: "integer[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<bool>(
                name: "IsCombined",
                table: "IssueItems",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "HigherAdoptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubmissionId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Body = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Publication = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RecordedById = table.Column<int>(type: "integer", nullable: true),
                    RecordedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HigherAdoptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HigherAdoptions_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LeaderInstructions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubmissionId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Level = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    LeaderName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ScanStoredName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ScanContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ScanOriginalName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: true),
                    RecordedById = table.Column<int>(type: "integer", nullable: true),
                    RecordedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeaderInstructions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LeaderInstructions_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScorePublications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedById = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScorePublications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScoreRuleSets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    Definition = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedById = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SupersededById = table.Column<int>(type: "integer", nullable: true),
                    SupersededAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreRuleSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScoreMonthPins",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    RuleSetId = table.Column<int>(type: "integer", nullable: false),
                    PinnedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PinnedById = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreMonthPins", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScoreMonthPins_ScoreRuleSets_RuleSetId",
                        column: x => x.RuleSetId,
                        principalTable: "ScoreRuleSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HigherAdoptions_Date",
                table: "HigherAdoptions",
                column: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_HigherAdoptions_SubmissionId",
                table: "HigherAdoptions",
                column: "SubmissionId");

            migrationBuilder.CreateIndex(
                name: "IX_LeaderInstructions_Date",
                table: "LeaderInstructions",
                column: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_LeaderInstructions_SubmissionId",
                table: "LeaderInstructions",
                column: "SubmissionId");

            migrationBuilder.CreateIndex(
                name: "IX_ScoreMonthPins_RuleSetId",
                table: "ScoreMonthPins",
                column: "RuleSetId");

            migrationBuilder.CreateIndex(
                name: "IX_ScoreMonthPins_Year_Month",
                table: "ScoreMonthPins",
                columns: new[] { "Year", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScorePublications_Period",
                table: "ScorePublications",
                column: "Period",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScoreRuleSets_EffectiveFrom",
                table: "ScoreRuleSets",
                column: "EffectiveFrom");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HigherAdoptions");

            migrationBuilder.DropTable(
                name: "LeaderInstructions");

            migrationBuilder.DropTable(
                name: "ScoreMonthPins");

            migrationBuilder.DropTable(
                name: "ScorePublications");

            migrationBuilder.DropTable(
                name: "ScoreRuleSets");

            migrationBuilder.DropColumn(
                name: "ReaderUnitIds",
                table: "Series");

            migrationBuilder.DropColumn(
                name: "Typesetting",
                table: "Series");

            migrationBuilder.DropColumn(
                name: "ReaderUnitIds",
                table: "Issues");

            migrationBuilder.DropColumn(
                name: "IsCombined",
                table: "IssueItems");
        }
    }
}
