using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SevenTaps.Analysis.Migrations
{
    /// <inheritdoc />
    public partial class IndexLearnerAndQuestionRowsByTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_user_responses_question_id",
                schema: "analysis",
                table: "user_responses");

            migrationBuilder.DropIndex(
                name: "ix_user_activities_user_id",
                schema: "analysis",
                table: "user_activities");

            migrationBuilder.CreateIndex(
                name: "ix_user_responses_question_id_timestamp",
                schema: "analysis",
                table: "user_responses",
                columns: new[] { "question_id", "timestamp" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_user_activities_user_id_timestamp",
                schema: "analysis",
                table: "user_activities",
                columns: new[] { "user_id", "timestamp" },
                descending: new[] { false, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_user_responses_question_id_timestamp",
                schema: "analysis",
                table: "user_responses");

            migrationBuilder.DropIndex(
                name: "ix_user_activities_user_id_timestamp",
                schema: "analysis",
                table: "user_activities");

            migrationBuilder.CreateIndex(
                name: "ix_user_responses_question_id",
                schema: "analysis",
                table: "user_responses",
                column: "question_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_activities_user_id",
                schema: "analysis",
                table: "user_activities",
                column: "user_id");
        }
    }
}
