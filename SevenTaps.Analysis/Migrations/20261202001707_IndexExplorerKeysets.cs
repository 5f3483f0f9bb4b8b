using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SevenTaps.Analysis.Migrations
{
    /// <inheritdoc />
    public partial class IndexExplorerKeysets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_user_responses_timestamp_statement_id",
                schema: "analysis",
                table: "user_responses",
                columns: new[] { "timestamp", "statement_id" });

            migrationBuilder.CreateIndex(
                name: "ix_user_activities_timestamp_statement_id",
                schema: "analysis",
                table: "user_activities",
                columns: new[] { "timestamp", "statement_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_user_responses_timestamp_statement_id",
                schema: "analysis",
                table: "user_responses");

            migrationBuilder.DropIndex(
                name: "ix_user_activities_timestamp_statement_id",
                schema: "analysis",
                table: "user_activities");
        }
    }
}
