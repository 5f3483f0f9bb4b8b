using Npgsql;

namespace SevenTaps.Analysis.Summaries;

/// <summary>
/// A figure kept per learner and lesson: <see cref="Aggregate"/> of <see cref="Value"/> over a pair's rows, which
/// is <see cref="Value"/> itself when the pair is one row (sum, min, max and bool_or of one value are that value).
/// <see cref="Value"/> reads the summary columns (statements, completions, responses, first_at, last_at, first_completed_at).
/// </summary>
public sealed record PairColumn(string Name, string Aggregate, string Value);

/// <summary>
/// One row per learner and lesson for the whole-course aggregates. Without a date range they read
/// <c>analysis.learner_lessons</c> (the normalizer keeps one row per learner and lesson over the whole time, so there
/// is nothing to group); a pair whose first and last statement lie on both sides of one of the query's cuts (the
/// as-of windows) is grouped from its learner-lesson-days instead, which <see cref="LearnerLessonDays"/> makes
/// exact. With <c>from</c> or <c>to</c>, every pair is grouped from the days of the range (<see cref="SourcePlanner.Pairs"/>).
/// Docs: docs/analytics.md.
/// </summary>
public static class LearnerLessons
{
    /// <summary>
    /// A CTE named <c>pairs</c> (user_id, lesson_url or null, then <paramref name="columns"/>) over exactly the
    /// statements <paramref name="filter"/> selects, and of those the rows <paramref name="where"/> keeps. Each
    /// column's value and <paramref name="where"/> are evaluated on rows none of which spans a cut (SQL timestamptz
    /// expressions: a whole pair, a learner-lesson-day or one activity), so a condition on a cut holds for all of a
    /// row's statements or for none; then the values are aggregated per pair.
    /// </summary>
    public static string Cte(
        AnalyticsFilter filter, NpgsqlCommand command, IReadOnlyList<string> cuts, IReadOnlyList<PairColumn> columns, bool includeLesson = true, string where = "true")
    {
        var grouped = $"""
            SELECT user_id, lesson_url, {string.Join(", ", columns.Select(column => $"{column.Aggregate}({column.Value}) AS {column.Name}"))}
            FROM days WHERE {where} GROUP BY user_id, lesson_url
            """;
        if (SourcePlanner.Pairs(filter) == AnalysisSource.LearnerLessonDays)
        {
            return $"{LearnerLessonDays.Cte(filter, command, cuts, includeLesson)},\npairs AS ({grouped})";
        }

        var rows = new List<string> { "p.statements > 0", $"({where})" };
        if (includeLesson && filter.Lesson is { } lesson)
        {
            rows.Add($"p.lesson_url = {command.Add(lesson)}");
        }
        if (filter.Cohort is { } cohort)
        {
            rows.Add($"p.user_id IN {AnalyticsFilter.CohortLearners(cohort, command)}");
        }
        var whole = $"""
            SELECT p.user_id, nullif(p.lesson_url, '') AS lesson_url, {string.Join(", ", columns.Select(column => $"{column.Value} AS {column.Name}"))}
            FROM {AnalysisSchema.LearnerLessons.Table} p
            WHERE {string.Join(" AND ", rows)}
            """;
        if (cuts.Count == 0)
        {
            return $"pairs AS ({whole})";
        }
        // Written out per cut rather than joined to an array of cuts: this test runs on every pair.
        var spans = string.Join(" OR ", cuts.Select(cut => $"(p.first_at <= {cut} AND p.last_at >= {cut})"));
        var split = $"(d.user_id, d.lesson_url) IN (SELECT p.user_id, p.lesson_url FROM {AnalysisSchema.LearnerLessons.Table} p WHERE {spans})";
        return $"""
            {LearnerLessonDays.Cte(filter, command, cuts, includeLesson, split)},
            pairs AS (
                {whole} AND NOT ({spans})
                UNION ALL
                {grouped})
            """;
    }
}
