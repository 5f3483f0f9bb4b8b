using Npgsql;

namespace SevenTaps.Analysis.Summaries;

/// <summary>
/// <c>analysis.learner_totals</c>: one row per learner with activities (lessons started and completed, statements,
/// responses, first and last statement time), which the normalizer recomputes from the learner's learner-lessons in
/// the transaction that changes them. The learners list and the overview read it instead of grouping every
/// learner-lesson pair when it answers them exactly (<see cref="SourcePlanner.LearnersAsync"/>); their activity windows still come from the learner-lesson-days
/// of the last weeks (<see cref="RecentDays"/>). The table's invariant and write SQL:
/// <see cref="LearnerTotalsRecompute"/>. Docs: docs/analytics.md.
/// </summary>
public static class LearnerTotals
{
    /// <summary>A condition on the rows (alias <c>t</c>) of the learners <paramref name="filter"/> selects: all, or a cohort's.</summary>
    public static string Where(AnalyticsFilter filter, NpgsqlCommand command) =>
        filter.Cohort is { } cohort ? $"t.user_id IN {AnalyticsFilter.CohortLearners(cohort, command)}" : "true";

    /// <summary>
    /// A CTE named <c>days</c> (as <see cref="LearnerLessonDays"/>) of the days from <paramref name="windowStart"/>
    /// on (a SQL timestamptz expression, one of <paramref name="cuts"/>): the activity windows' rows, exact at every cut.
    /// </summary>
    public static string RecentDays(AnalyticsFilter filter, NpgsqlCommand command, IReadOnlyList<string> cuts, string windowStart) =>
        LearnerLessonDays.Cte(filter, command, cuts, includeLesson: false, scope: $"d.day >= ({windowStart} AT TIME ZONE 'UTC')::date");
}
