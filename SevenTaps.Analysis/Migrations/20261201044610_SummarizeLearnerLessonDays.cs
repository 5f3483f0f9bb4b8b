using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SevenTaps.Analysis.Migrations
{
    /// <inheritdoc />
    public partial class SummarizeLearnerLessonDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "learner_lesson_days",
                schema: "analysis",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    lesson_url = table.Column<string>(type: "text", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    statements = table.Column<int>(type: "integer", nullable: false),
                    completions = table.Column<int>(type: "integer", nullable: false),
                    responses = table.Column<int>(type: "integer", nullable: false),
                    first_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    first_completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learner_lesson_days", x => new { x.user_id, x.lesson_url, x.day });
                });

            migrationBuilder.CreateIndex(
                name: "ix_learner_lesson_days_day",
                schema: "analysis",
                table: "learner_lesson_days",
                column: "day");

            // Existing facts summed as the normalizer sums them (Processing/LearnerLessonDays), so databases that
            // already hold statements read the same figures from the summary as from the facts.
            migrationBuilder.Sql("""
                INSERT INTO analysis.learner_lesson_days (user_id, lesson_url, day, statements, completions, responses, first_at, last_at, first_completed_at)
                SELECT user_id, lesson_url, day, sum(statements), sum(completions), sum(responses), min(first_at), max(last_at), min(first_completed_at)
                FROM (
                    SELECT user_id, coalesce(lesson_url, '') AS lesson_url, ("timestamp" AT TIME ZONE 'UTC')::date AS day, 1 AS statements,
                           (activity_type = 'http://adlnet.gov/expapi/verbs/completed' AND question_id IS NULL)::int AS completions, 0 AS responses,
                           "timestamp" AS first_at, "timestamp" AS last_at,
                           CASE WHEN activity_type = 'http://adlnet.gov/expapi/verbs/completed' AND question_id IS NULL THEN "timestamp" END AS first_completed_at
                    FROM analysis.user_activities
                    UNION ALL
                    SELECT user_id, coalesce(lesson_url, ''), ("timestamp" AT TIME ZONE 'UTC')::date, 0, 0, 1, NULL, NULL, NULL
                    FROM analysis.user_responses) AS facts
                GROUP BY user_id, lesson_url, day;
                """);

            // Analytics reads the analysis schema as this role; its default privileges cover tables created after
            // its grant, this covers databases where that grant came first under another owner.
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'seventaps_analytics_reader') THEN
                        GRANT SELECT ON analysis.learner_lesson_days TO seventaps_analytics_reader;
                    END IF;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "learner_lesson_days",
                schema: "analysis");
        }
    }
}
