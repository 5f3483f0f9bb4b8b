using Npgsql;

namespace SevenTaps.Analysis.Summaries;

/// <summary>
/// What the whole-course aggregates read instead of every activity: <c>analysis.learner_lesson_days</c>, one row
/// per learner, lesson and UTC day with its statement, completion and response counts and its first, last and
/// first completed times (the normalizer keeps it with the facts). A day row answers a time condition exactly
/// unless one of the query's instants ("cuts": from, to, and the as-of windows) falls between its first and last
/// statement; such rows, a few per cut, are replaced by their activities, one row each. The table's invariant and write
/// SQL: <see cref="LearnerLessonSummary"/>. Docs: docs/analytics.md.
/// </summary>
public static class LearnerLessonDays
{
    /// <summary>
    /// A CTE named <c>days</c> (user_id, lesson_url or null, day, statements, completions, responses, first_at,
    /// last_at, first_completed_at) holding exactly the statements <paramref name="filter"/> selects, no row of
    /// which spans any of <paramref name="cuts"/> (SQL timestamptz expressions): so a condition on an instant of
    /// those holds for all of a row's statements or for none, and is tested on first_at or last_at. With
    /// <paramref name="scope"/> (a condition on the row <c>d</c>), only the rows it selects.
    /// </summary>
    public static string Cte(AnalyticsFilter filter, NpgsqlCommand command, IEnumerable<string> cuts, bool includeLesson = true, string scope = "true")
    {
        var allCuts = cuts.ToList();
        var rows = new List<string> { "d.statements > 0", scope };
        var whole = new List<string>();
        if (filter.From is { } from)
        {
            var parameter = command.Add(from.UtcDateTime);
            allCuts.Add($"{parameter}::timestamptz");
            rows.Add($"d.day >= ({parameter}::timestamptz AT TIME ZONE 'UTC')::date");
            whole.Add($"d.first_at >= {parameter}");
        }
        if (filter.To is { } to)
        {
            var parameter = command.Add(to.UtcDateTime);
            allCuts.Add($"{parameter}::timestamptz");
            rows.Add($"d.day <= ({parameter}::timestamptz AT TIME ZONE 'UTC')::date");
            whole.Add($"d.last_at < {parameter}");
        }
        if (includeLesson && filter.Lesson is { } lesson)
        {
            rows.Add($"d.lesson_url = {command.Add(lesson)}");
        }
        if (filter.Cohort is { } cohort)
        {
            rows.Add($"d.user_id IN {AnalyticsFilter.CohortLearners(cohort, command)}");
        }
        var split = allCuts.Count == 0
            ? "false"
            : $"EXISTS (SELECT 1 FROM unnest(ARRAY[{string.Join(", ", allCuts)}]) AS c WHERE d.day = (c AT TIME ZONE 'UTC')::date AND d.first_at <= c AND d.last_at >= c)";
        // Spelled out so that the split rows are found through the day index, not by a second pass over the table.
        var cutDays = allCuts.Count == 0
            ? "false"
            : $"d.day = ANY(ARRAY[{string.Join(", ", allCuts.Select(cut => $"(({cut}) AT TIME ZONE 'UTC')::date"))}])";
        var completion = $"a.activity_type = {command.Add(Verbs.Completed)} AND a.question_id IS NULL";
        // Rows that hold responses alone (no activity: none come from xAPI) are left out with the rest of their
        // kind: every figure here counts learners' activities.
        return $"""
            days AS (
                SELECT d.user_id, nullif(d.lesson_url, '') AS lesson_url, d.day, d.statements, d.completions, d.responses,
                       d.first_at, d.last_at, d.first_completed_at
                FROM {AnalysisSchema.LearnerLessonDays.Table} d
                WHERE {string.Join(" AND ", rows.Concat(whole))} AND NOT {split}
                UNION ALL
                SELECT a.user_id, a.lesson_url, d.day, 1, ({completion})::int,
                       (EXISTS (SELECT 1 FROM {AnalysisSchema.UserResponses.Table} r WHERE r.statement_id = a.statement_id))::int,
                       a."timestamp", a."timestamp", CASE WHEN {completion} THEN a."timestamp" END
                FROM {AnalysisSchema.LearnerLessonDays.Table} d
                JOIN {AnalysisSchema.UserActivities.Table} a ON a.user_id = d.user_id AND a.lesson_url IS NOT DISTINCT FROM nullif(d.lesson_url, '')
                     AND a."timestamp" >= d.day::timestamp AT TIME ZONE 'UTC' AND a."timestamp" < (d.day + 1)::timestamp AT TIME ZONE 'UTC'
                WHERE {string.Join(" AND ", rows)} AND {cutDays} AND {split} AND {filter.Where("a", command, includeLesson)})
            """;
    }
}
