using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SevenTaps.Audit.Migrations
{
    /// <inheritdoc />
    public partial class InitialAuditTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "audit");

            migrationBuilder.CreateTable(
                name: "records",
                schema: "audit",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    action = table.Column<string>(type: "text", nullable: false),
                    target = table.Column<string>(type: "text", nullable: false),
                    outcome = table.Column<string>(type: "text", nullable: false),
                    detail = table.Column<string>(type: "text", nullable: true),
                    via = table.Column<string>(type: "text", nullable: false),
                    api_key_id = table.Column<Guid>(type: "uuid", nullable: true),
                    api_key_name = table.Column<string>(type: "text", nullable: true),
                    user_name = table.Column<string>(type: "text", nullable: true),
                    service = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_records", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_records_action_id",
                schema: "audit",
                table: "records",
                columns: new[] { "action", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_records_at",
                schema: "audit",
                table: "records",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_records_target",
                schema: "audit",
                table: "records",
                column: "target");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "records",
                schema: "audit");
        }
    }
}
