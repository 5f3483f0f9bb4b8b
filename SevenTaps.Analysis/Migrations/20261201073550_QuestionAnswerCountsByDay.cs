using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SevenTaps.Analysis.Migrations
{
    /// <inheritdoc />
    public partial class QuestionAnswerCountsByDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_question_answer_counts",
                schema: "analysis",
                table: "question_answer_counts");

            migrationBuilder.AddColumn<DateOnly>(
                name: "day",
                schema: "analysis",
                table: "question_answer_counts",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            // The counts again, per day: the questions list over whole days sums these instead of counting responses.
            migrationBuilder.Sql("""
                ALTER TABLE analysis.question_answer_counts ALTER COLUMN day DROP DEFAULT;
                DELETE FROM analysis.question_answer_counts;
                INSERT INTO analysis.question_answer_counts (question_id, day, answers, correct, judged)
                SELECT question_id, ("timestamp" AT TIME ZONE 'UTC')::date, count(*), count(*) FILTER (WHERE is_correct), count(is_correct)
                FROM analysis.user_responses WHERE question_id IS NOT NULL GROUP BY 1, 2;
                """);

            migrationBuilder.AddPrimaryKey(
                name: "PK_question_answer_counts",
                schema: "analysis",
                table: "question_answer_counts",
                columns: new[] { "question_id", "day" });

            migrationBuilder.Sql("ANALYZE analysis.question_answer_counts;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_question_answer_counts",
                schema: "analysis",
                table: "question_answer_counts");

            migrationBuilder.Sql("""
                CREATE TEMP TABLE whole_time_counts ON COMMIT DROP AS
                SELECT question_id, sum(answers)::int AS answers, sum(correct)::int AS correct, sum(judged)::int AS judged
                FROM analysis.question_answer_counts GROUP BY question_id;
                DELETE FROM analysis.question_answer_counts;
                """);

            migrationBuilder.DropColumn(
                name: "day",
                schema: "analysis",
                table: "question_answer_counts");

            migrationBuilder.Sql("INSERT INTO analysis.question_answer_counts (question_id, answers, correct, judged) SELECT * FROM whole_time_counts;");

            migrationBuilder.AddPrimaryKey(
                name: "PK_question_answer_counts",
                schema: "analysis",
                table: "question_answer_counts",
                column: "question_id");
        }
    }
}
