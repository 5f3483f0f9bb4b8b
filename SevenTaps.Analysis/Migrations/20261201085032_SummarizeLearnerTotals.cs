using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SevenTaps.Analysis.Migrations
{
    /// <inheritdoc />
    public partial class SummarizeLearnerTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "learner_totals",
                schema: "analysis",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    lessons_started = table.Column<int>(type: "integer", nullable: false),
                    lessons_completed = table.Column<int>(type: "integer", nullable: false),
                    statements = table.Column<int>(type: "integer", nullable: false),
                    responses = table.Column<int>(type: "integer", nullable: false),
                    first_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_learner_totals", x => x.user_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_learner_totals_last_at",
                schema: "analysis",
                table: "learner_totals",
                column: "last_at");

            // Summed from the learner-lessons already there as the normalizer sums them (Processing/LearnerTotals),
            // so databases that hold statements read the same figures as from the pairs.
            migrationBuilder.Sql("""
                INSERT INTO analysis.learner_totals (user_id, lessons_started, lessons_completed, statements, responses, first_at, last_at)
                SELECT user_id, count(*) FILTER (WHERE lesson_url <> ''), count(*) FILTER (WHERE lesson_url <> '' AND completions > 0),
                       sum(statements), sum(responses), min(first_at), max(last_at)
                FROM analysis.learner_lessons
                WHERE statements > 0
                GROUP BY user_id;

                -- Statistics now: until autovacuum's analyze, the planner would take the new table for empty.
                ANALYZE analysis.learner_totals;
                """);

            // Analytics reads the analysis schema as this role; its default privileges cover tables created after
            // its grant, this covers databases where that grant came first under another owner.
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'seventaps_analytics_reader') THEN
                        GRANT SELECT ON analysis.learner_totals TO seventaps_analytics_reader;
                    END IF;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "learner_totals",
                schema: "analysis");
        }
    }
}
