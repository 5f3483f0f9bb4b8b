using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SevenTaps.Analysis.Migrations
{
    /// <inheritdoc />
    public partial class SummarizeLearnerLessonsAndAnswerCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "learner_lessons",
                schema: "analysis",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    lesson_url = table.Column<string>(type: "text", nullable: false),
                    statements = table.Column<int>(type: "integer", nullable: false),
                    completions = table.Column<int>(type: "integer", nullable: false),
                    responses = table.Column<int>(type: "integer", nullable: false),
                    first_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    first_completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learner_lessons", x => new { x.user_id, x.lesson_url });
                });

            migrationBuilder.CreateTable(
                name: "question_answer_counts",
                schema: "analysis",
                columns: table => new
                {
                    question_id = table.Column<string>(type: "text", nullable: false),
                    answers = table.Column<int>(type: "integer", nullable: false),
                    correct = table.Column<int>(type: "integer", nullable: false),
                    judged = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_question_answer_counts", x => x.question_id);
                });

            // Summed from what is already there as the normalizer sums it (Processing/LearnerLessonSummary,
            // QuestionAnswerCounts), so databases that hold statements read the same figures as from the facts. The
            // learner-lesson-days already sum the facts per day; their whole-time sums are the same rows added up.
            migrationBuilder.Sql("""
                INSERT INTO analysis.learner_lessons (user_id, lesson_url, statements, completions, responses, first_at, last_at, first_completed_at)
                SELECT user_id, lesson_url, sum(statements), sum(completions), sum(responses), min(first_at), max(last_at), min(first_completed_at)
                FROM analysis.learner_lesson_days
                GROUP BY user_id, lesson_url;

                INSERT INTO analysis.question_answer_counts (question_id, answers, correct, judged)
                SELECT question_id, count(*), count(*) FILTER (WHERE is_correct), count(is_correct)
                FROM analysis.user_responses
                WHERE question_id IS NOT NULL
                GROUP BY question_id;

                -- Statistics now: until autovacuum's analyze, the planner would take the new tables for empty.
                ANALYZE analysis.learner_lessons, analysis.question_answer_counts;
                """);

            // Analytics reads the analysis schema as this role; its default privileges cover tables created after
            // its grant, this covers databases where that grant came first under another owner.
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'seventaps_analytics_reader') THEN
                        GRANT SELECT ON analysis.learner_lessons, analysis.question_answer_counts TO seventaps_analytics_reader;
                    END IF;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "learner_lessons",
                schema: "analysis");

            migrationBuilder.DropTable(
                name: "question_answer_counts",
                schema: "analysis");
        }
    }
}
