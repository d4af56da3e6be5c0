using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jianxun.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class IssuesAndArchive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "Year",
                table: "Issues",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AlterColumn<int>(
                name: "TotalNumber",
                table: "Issues",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AlterColumn<int>(
                name: "Number",
                table: "Issues",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<int>(
                name: "Copies",
                table: "Issues",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CreatedById",
                table: "Issues",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "DistributionBao",
                table: "Issues",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DistributionFa",
                table: "Issues",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DistributionSong",
                table: "Issues",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EditorsNote",
                table: "Issues",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Erratum",
                table: "Issues",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Issues",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "SignedOffAt",
                table: "Issues",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SignedOffById",
                table: "Issues",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "Issues",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SourceFileName",
                table: "Issues",
                type: "character varying(260)",
                maxLength: 260,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceSha256",
                table: "Issues",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceStoredName",
                table: "Issues",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "Issues",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Issues",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "IssueFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IssueId = table.Column<int>(type: "integer", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    StoredName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IssueId = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    IsBriefs = table.Column<bool>(type: "boolean", nullable: false),
                    ColumnId = table.Column<int>(type: "integer", nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IssueId = table.Column<int>(type: "integer", nullable: false),
                    SectionId = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    SubmissionId = table.Column<int>(type: "integer", nullable: true),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Number = table.Column<int>(type: "integer", nullable: true),
                    Paragraphs = table.Column<List<string>>(type: "text[]", nullable: false),
                    CreditLine = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CreditUnits = table.Column<List<string>>(type: "text[]", nullable: false),
                    CreditAuthors = table.Column<List<string>>(type: "text[]", nullable: false),
                    UnitIds = table.Column<List<int>>(type: "integer[]", nullable: false),
                    Dates = table.Column<List<string>>(type: "text[]", nullable: false),
                    PersonsJson = table.Column<string>(type: "text", nullable: true),
                    Organizations = table.Column<List<string>>(type: "text[]", nullable: false),
                    SourceLineStart = table.Column<int>(type: "integer", nullable: true),
                    SourceLineEnd = table.Column<int>(type: "integer", nullable: true)
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
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "TotalNumber",
                table: "Issues",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "Number",
                table: "Issues",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);
        }
    }
}
