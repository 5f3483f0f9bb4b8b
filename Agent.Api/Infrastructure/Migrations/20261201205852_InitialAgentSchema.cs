using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Agent.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class InitialAgentSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "agent");

            migrationBuilder.CreateTable(
                name: "exchanges",
                schema: "agent",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    conversation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    asked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    question = table.Column<string>(type: "text", nullable: false),
                    engine = table.Column<string>(type: "text", nullable: false),
                    provenance = table.Column<string>(type: "text", nullable: true),
                    outcome = table.Column<string>(type: "text", nullable: false),
                    sql = table.Column<string>(type: "text", nullable: true),
                    parameters = table.Column<string>(type: "jsonb", nullable: true),
                    row_count = table.Column<int>(type: "integer", nullable: true),
                    duration_ms = table.Column<double>(type: "double precision", nullable: false),
                    intent = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exchanges", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "feedback",
                schema: "agent",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    exchange_id = table.Column<Guid>(type: "uuid", nullable: false),
                    helpful = table.Column<bool>(type: "boolean", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback", x => x.id);
                    table.ForeignKey(
                        name: "FK_feedback_exchanges_exchange_id",
                        column: x => x.exchange_id,
                        principalSchema: "agent",
                        principalTable: "exchanges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_exchanges_conversation_id_asked_at",
                schema: "agent",
                table: "exchanges",
                columns: new[] { "conversation_id", "asked_at" });

            migrationBuilder.CreateIndex(
                name: "ix_feedback_exchange_id",
                schema: "agent",
                table: "feedback",
                column: "exchange_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feedback",
                schema: "agent");

            migrationBuilder.DropTable(
                name: "exchanges",
                schema: "agent");
        }
    }
}
