using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Agent.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class KeepConversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "answer",
                schema: "agent",
                table: "exchanges",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "user_name",
                schema: "agent",
                table: "exchanges",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_exchanges_user_name_asked_at",
                schema: "agent",
                table: "exchanges",
                columns: new[] { "user_name", "asked_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_exchanges_user_name_asked_at",
                schema: "agent",
                table: "exchanges");

            migrationBuilder.DropColumn(
                name: "answer",
                schema: "agent",
                table: "exchanges");

            migrationBuilder.DropColumn(
                name: "user_name",
                schema: "agent",
                table: "exchanges");
        }
    }
}
