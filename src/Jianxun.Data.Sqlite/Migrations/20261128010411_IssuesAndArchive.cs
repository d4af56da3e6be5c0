using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianxun.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IssuesAndArchive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Year, Number and TotalNumber became nullable here; Initial now creates them so (a SQLite table rebuild avoided, ADR-024).
            migrationBuilder.AddColumn<int>(
                name: "Copies",
                table: "Issues",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CreatedById",
                table: "Issues",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "DistributionBao",
                table: "Issues",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DistributionFa",
                table: "Issues",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DistributionSong",
                table: "Issues",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EditorsNote",
                table: "Issues",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Erratum",
                table: "Issues",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Issues",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "SignedOffAt",
                table: "Issues",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SignedOffById",
                table: "Issues",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "Issues",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SourceFileName",
                table: "Issues",
                type: "TEXT",
                maxLength: 260,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceSha256",
                table: "Issues",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceStoredName",
                table: "Issues",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "Issues",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Issues",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "IssueFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IssueId = table.Column<int>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    StoredName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssueFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IssueFiles_Issues_IssueId",
                        column: x => x.IssueId,
                        principalTable: "Issues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IssueSections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IssueId = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    IsBriefs = table.Column<bool>(type: "INTEGER", nullable: false),
                    ColumnId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssueSections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IssueSections_Issues_IssueId",
                        column: x => x.IssueId,
                        principalTable: "Issues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IssueSections_SeriesColumns_ColumnId",
                        column: x => x.ColumnId,
                        principalTable: "SeriesColumns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IssueItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IssueId = table.Column<int>(type: "INTEGER", nullable: false),
                    SectionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmissionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Number = table.Column<int>(type: "INTEGER", nullable: true),
                    Paragraphs = table.Column<string>(type: "TEXT", nullable: false),
                    CreditLine = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CreditUnits = table.Column<string>(type: "TEXT", nullable: false),
                    CreditAuthors = table.Column<string>(type: "TEXT", nullable: false),
                    UnitIds = table.Column<string>(type: "TEXT", nullable: false),
                    Dates = table.Column<string>(type: "TEXT", nullable: false),
                    PersonsJson = table.Column<string>(type: "TEXT", nullable: true),
                    Organizations = table.Column<string>(type: "TEXT", nullable: false),
                    SourceLineStart = table.Column<int>(type: "INTEGER", nullable: true),
                    SourceLineEnd = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssueItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IssueItems_IssueSections_SectionId",
                        column: x => x.SectionId,
                        principalTable: "IssueSections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IssueItems_Issues_IssueId",
                        column: x => x.IssueId,
                        principalTable: "Issues",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_IssueItems_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Issues_SourceSha256",
                table: "Issues",
                column: "SourceSha256");

            migrationBuilder.CreateIndex(
                name: "IX_Issues_Status_Date",
                table: "Issues",
                columns: new[] { "Status", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_IssueFiles_IssueId_Revision_Format",
                table: "IssueFiles",
                columns: new[] { "IssueId", "Revision", "Format" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IssueItems_IssueId",
                table: "IssueItems",
                column: "IssueId");

            migrationBuilder.CreateIndex(
                name: "IX_IssueItems_SectionId",
                table: "IssueItems",
                column: "SectionId");

            migrationBuilder.CreateIndex(
                name: "IX_IssueItems_SubmissionId",
                table: "IssueItems",
                column: "SubmissionId");

            migrationBuilder.CreateIndex(
                name: "IX_IssueSections_ColumnId",
                table: "IssueSections",
                column: "ColumnId");

            migrationBuilder.CreateIndex(
                name: "IX_IssueSections_IssueId",
                table: "IssueSections",
                column: "IssueId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IssueFiles");

            migrationBuilder.DropTable(
                name: "IssueItems");

            migrationBuilder.DropTable(
                name: "IssueSections");

            migrationBuilder.DropIndex(
                name: "IX_Issues_SourceSha256",
                table: "Issues");

            migrationBuilder.DropIndex(
                name: "IX_Issues_Status_Date",
                table: "Issues");

            migrationBuilder.DropColumn(
                name: "Copies",
                table: "Issues");

            migrationBuilder.DropColumn(
                name: "CreatedById",
                table: "Issues");

            migrationBuilder.DropColumn(
                name: "DistributionBao",
                table: "Issues");

            migrationBuilder.DropColumn(
                name: "DistributionFa",
                table: "Issues");

            migrationBuilder.DropColumn(
                name: "DistributionSong",
                table: "Issues");

            migrationBuilder.DropColumn(
                name: "EditorsNote",
                table: "Issues");

            migrationBuilder.DropColumn(
                name: "Erratum",
                table: "Issues");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Issues");

            migrationBuilder.DropColumn(
                name: "SignedOffAt",
                table: "Issues");

            migrationBuilder.DropColumn(
                name: "SignedOffById",
                table: "Issues");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "Issues");

            migrationBuilder.DropColumn(
                name: "SourceFileName",
                table: "Issues");

            migrationBuilder.DropColumn(
                name: "SourceSha256",
                table: "Issues");

            migrationBuilder.DropColumn(
                name: "SourceStoredName",
                table: "Issues");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Issues");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Issues");

            migrationBuilder.AlterColumn<int>(
                name: "Year",
                table: "Issues",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "TotalNumber",
                table: "Issues",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "Number",
                table: "Issues",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
