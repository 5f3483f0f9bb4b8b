using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SevenTaps.Analysis.Migrations
{
    /// <inheritdoc />
    public partial class IndexLearnerLessonDaysByLearnerWeek : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Engagement over the whole course (Analytics.Api EngagementQuery): a learner's rows of one ISO week, and
            // of one day, are neighbours in this order, so active learners per week or day are grouped as the index
            // is read, from the index alone (statements included), instead of hashing every (period, learner).
            // An expression EF Core's model cannot state, so it lives here alone. Its cost on the write path: one
            // more index entry per upsert of a learner-lesson-day, whose updates are almost never HOT anyway (full
            // pages; 150 of 115,482 on the benchmark course).
            migrationBuilder.Sql("""
                CREATE INDEX ix_learner_lesson_days_learner_week ON analysis.learner_lesson_days
                    (user_id, (date_trunc('week', day::timestamp)::date), day) INCLUDE (statements);
                """);
            // Index-only scans read the heap for pages the visibility map does not mark all-visible.
            migrationBuilder.Sql("VACUUM (ANALYZE) analysis.learner_lesson_days;", suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX analysis.ix_learner_lesson_days_learner_week;");
        }
    }
}
