using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SevenTaps.Analysis.Migrations
{
    /// <inheritdoc />
    public partial class IndexLessonCompletionTimes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The lessons list's median minutes to completion: per lesson, the completed pairs in order of their time
            // to completion, so the median is read at the middle of the lesson's entries (Analytics.Api LessonsQuery)
            // instead of sorting every pair. An expression EF Core's model cannot state, so it lives here alone; the
            // included times make it index-only. Only a pair's first completion and first statement change an entry;
            // the usual upsert (more statements, a later last statement) changes none of its columns, so it does not
            // keep an update from being HOT.
            migrationBuilder.Sql("""
                CREATE INDEX ix_learner_lessons_completion_time ON analysis.learner_lessons
                    (lesson_url, (extract(epoch FROM first_completed_at - first_at))) INCLUDE (first_at, first_completed_at)
                    WHERE first_completed_at IS NOT NULL;
                """);
            // Index-only scans read the heap for pages the visibility map does not mark all-visible.
            migrationBuilder.Sql("VACUUM (ANALYZE) analysis.learner_lessons;", suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX analysis.ix_learner_lessons_completion_time;");
        }
    }
}
