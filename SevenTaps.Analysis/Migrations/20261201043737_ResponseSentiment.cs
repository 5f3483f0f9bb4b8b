using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SevenTaps.Analysis.Migrations
{
    /// <inheritdoc />
    public partial class ResponseSentiment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "sentiment",
                schema: "analysis",
                table: "user_responses",
                type: "double precision",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_user_responses_free_text_timestamp",
                schema: "analysis",
                table: "user_responses",
                column: "timestamp",
                filter: "sentiment IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "sentiment", "lesson_url", "question_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_user_responses_free_text_words",
                schema: "analysis",
                table: "user_responses",
                column: "response_text",
                filter: "sentiment IS NOT NULL")
                .Annotation("Npgsql:IndexMethod", "GIN")
                .Annotation("Npgsql:TsVectorConfig", "simple");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_user_responses_free_text_timestamp",
                schema: "analysis",
                table: "user_responses");

            migrationBuilder.DropIndex(
                name: "ix_user_responses_free_text_words",
                schema: "analysis",
                table: "user_responses");

            migrationBuilder.DropColumn(
                name: "sentiment",
                schema: "analysis",
                table: "user_responses");
        }
    }
}
