using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianxun.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ScoringAndReaders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReaderUnitIds",
                table: "Series",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Typesetting",
                table: "Series",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReaderUnitIds",
                table: "Issues",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "IsCombined",
                table: "IssueItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "HigherAdoptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubmissionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Publication = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RecordedById = table.Column<int>(type: "INTEGER", nullable: true),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubmissionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    LeaderName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ScanStoredName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ScanContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ScanOriginalName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                    RecordedById = table.Column<int>(type: "INTEGER", nullable: true),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Period = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedById = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScorePublications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScoreRuleSets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Definition = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedById = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SupersededById = table.Column<int>(type: "INTEGER", nullable: true),
                    SupersededAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreRuleSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScoreMonthPins",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    RuleSetId = table.Column<int>(type: "INTEGER", nullable: false),
                    PinnedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PinnedById = table.Column<int>(type: "INTEGER", nullable: true)
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
