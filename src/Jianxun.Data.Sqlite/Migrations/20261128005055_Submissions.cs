using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jianxun.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Submissions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Authors",
                table: "Submissions",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "ContactPhone",
                table: "Submissions",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "EventDate",
                table: "Submissions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Paragraphs",
                table: "Submissions",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "ReturnedBy",
                table: "Submissions",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "Calls",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsClosed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Calls", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubmissionEvent",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubmissionId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<int>(type: "INTEGER", nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubmissionEvent", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubmissionEvent_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubmissionPhoto",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubmissionId = table.Column<int>(type: "INTEGER", nullable: false),
                    StoredName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    OriginalName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Caption = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubmissionPhoto", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubmissionPhoto_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubmissionRevision",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubmissionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<int>(type: "INTEGER", nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Paragraphs = table.Column<string>(type: "TEXT", nullable: false),
                    Authors = table.Column<string>(type: "TEXT", nullable: false),
                    EventDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubmissionRevision", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubmissionRevision_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubmissionUnit",
                columns: table => new
                {
                    SubmissionId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubmissionUnit", x => new { x.SubmissionId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_SubmissionUnit_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SubmissionUnit_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CallUnit",
                columns: table => new
                {
                    CallId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallUnit", x => new { x.CallId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_CallUnit_Calls_CallId",
                        column: x => x.CallId,
                        principalTable: "Calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CallUnit_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // The three foreign keys come with their columns (SQLite's ADD COLUMN … REFERENCES, allowed for a NULL default):
            // EF's AddForeignKey would rebuild the table with foreign keys switched off inside the transaction (warning 20410, ADR-024).
            migrationBuilder.Sql("ALTER TABLE \"Submissions\" ADD COLUMN \"AdoptedColumnId\" INTEGER NULL CONSTRAINT \"FK_Submissions_SeriesColumns_AdoptedColumnId\" REFERENCES \"SeriesColumns\" (\"Id\") ON DELETE RESTRICT;");

            migrationBuilder.Sql("ALTER TABLE \"Submissions\" ADD COLUMN \"CallId\" INTEGER NULL CONSTRAINT \"FK_Submissions_Calls_CallId\" REFERENCES \"Calls\" (\"Id\") ON DELETE RESTRICT;");

            migrationBuilder.Sql("ALTER TABLE \"Submissions\" ADD COLUMN \"ColumnHintId\" INTEGER NULL CONSTRAINT \"FK_Submissions_SeriesColumns_ColumnHintId\" REFERENCES \"SeriesColumns\" (\"Id\") ON DELETE RESTRICT;");

            migrationBuilder.CreateIndex(
                name: "IX_Submissions_AdoptedColumnId",
                table: "Submissions",
                column: "AdoptedColumnId");

            migrationBuilder.CreateIndex(
                name: "IX_Submissions_CallId",
                table: "Submissions",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_Submissions_ColumnHintId",
                table: "Submissions",
                column: "ColumnHintId");

            migrationBuilder.CreateIndex(
                name: "IX_CallUnit_UnitId",
                table: "CallUnit",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_ReadAt",
                table: "Notifications",
                columns: new[] { "UserId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SubmissionEvent_SubmissionId",
                table: "SubmissionEvent",
                column: "SubmissionId");

            migrationBuilder.CreateIndex(
                name: "IX_SubmissionPhoto_SubmissionId",
                table: "SubmissionPhoto",
                column: "SubmissionId");

            migrationBuilder.CreateIndex(
                name: "IX_SubmissionRevision_SubmissionId_Number",
                table: "SubmissionRevision",
                columns: new[] { "SubmissionId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SubmissionUnit_UnitId",
                table: "SubmissionUnit",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Submissions_Calls_CallId",
                table: "Submissions");

            migrationBuilder.DropForeignKey(
                name: "FK_Submissions_SeriesColumns_AdoptedColumnId",
                table: "Submissions");

            migrationBuilder.DropForeignKey(
                name: "FK_Submissions_SeriesColumns_ColumnHintId",
                table: "Submissions");

            migrationBuilder.DropTable(
                name: "CallUnit");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "SubmissionEvent");

            migrationBuilder.DropTable(
                name: "SubmissionPhoto");

            migrationBuilder.DropTable(
                name: "SubmissionRevision");

            migrationBuilder.DropTable(
                name: "SubmissionUnit");

            migrationBuilder.DropTable(
                name: "Calls");

            migrationBuilder.DropIndex(
                name: "IX_Submissions_AdoptedColumnId",
                table: "Submissions");

            migrationBuilder.DropIndex(
                name: "IX_Submissions_CallId",
                table: "Submissions");

            migrationBuilder.DropIndex(
                name: "IX_Submissions_ColumnHintId",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "AdoptedColumnId",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "Authors",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "CallId",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "ColumnHintId",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "ContactPhone",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "EventDate",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "Paragraphs",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "ReturnedBy",
                table: "Submissions");
        }
    }
}
