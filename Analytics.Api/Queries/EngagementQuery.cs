using Npgsql;

namespace Analytics.Api.Queries;

/// <param name="Cohort">The Monday of the week of the learners' first statement; null when not split by cohort.</param>
public sealed record EngagementPoint(DateOnly Period, DateOnly? Cohort, long ActiveLearners, long Statements);

/// <summary>Active learners and statements per day or ISO week (by statement time, UTC), optionally per cohort.</summary>
public static class EngagementQuery
{
    /// <summary>
    /// The ISO week (its Monday) of a learner-lesson-day, spelled exactly as in the normalizer's index
    /// <c>ix_learner_lesson_days_learner_week</c> so that the planner recognises the index's order.
    /// </summary>
    private const string WeekOfDay = "date_trunc('week', day::timestamp)::date";

    public static async Task<IReadOnlyList<EngagementPoint>> RunAsync(
        AnalysisReader reader, AnalyticsFilter filter, bool weekly, bool byCohort, CancellationToken cancellationToken)
    {
        await using var command = reader.DataSource.CreateCommand();
        command.CommandText = Sql(command, filter, weekly, byCohort);
        var points = new List<EngagementPoint>();
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            points.Add(new EngagementPoint(rows.GetFieldValue<DateOnly>(0), rows.IsDBNull(1) ? null : rows.GetFieldValue<DateOnly>(1), rows.GetInt64(2), rows.GetInt64(3)));
        }
        return points;
    }

    internal static string Sql(NpgsqlCommand command, AnalyticsFilter filter, bool weekly, bool byCohort)
    {
        var perLearner = SourcePlanner.Engagement(filter) == AnalysisSource.LearnerLessonDaysInIndexOrder
            ? WholeCoursePerLearner(weekly)
            : FilteredPerLearner(filter, command, weekly);
        var cohort = byCohort ? "date_trunc('week', u.first_seen AT TIME ZONE 'UTC')::date" : "NULL::date";
        // Grouped by period and learner first, then counted per period: distinct learners without count(DISTINCT);
        // each learner has one cohort.
        return $"""
            WITH {perLearner}
            SELECT p.period, {cohort} AS cohort, count(*), sum(p.statements)::bigint
            FROM per_learner p {(byCohort ? $"JOIN {AnalysisSchema.Users.Table} u ON u.user_id = p.user_id" : "")}
            GROUP BY 1, 2
            ORDER BY 1, 2
            """;
    }

    /// <summary>
    /// Every learner-lesson-day, no row split (without a range there are no cuts), read in the order of
    /// <c>ix_learner_lesson_days_learner_week</c> (learner, week, day; statements included): a learner's rows of one
    /// week, and of one day, are neighbours there, so the groups are formed as the index is read, from the index
    /// alone, without a hash table of (period, learner) groups (105,178 daily groups on the benchmark course, the
    /// bulk of the time). The ORDER BY asks for that order; it is what makes the planner prefer the index to a
    /// sequential scan and hashing, which its cost model rates a little cheaper but took twice as long.
    /// </summary>
    private static string WholeCoursePerLearner(bool weekly)
    {
        var groups = weekly ? $"user_id, {WeekOfDay}" : $"user_id, {WeekOfDay}, day";
        return $"""
            per_learner AS (
                SELECT user_id, {(weekly ? WeekOfDay : "day")} AS period, sum(statements) AS statements
                FROM {AnalysisSchema.LearnerLessonDays.Table}
                WHERE statements > 0
                GROUP BY {groups}
                ORDER BY {groups})
            """;
    }

    /// <summary>The statements the filter selects, rows spanning its cuts split (<see cref="LearnerLessonDays"/>), grouped by period and learner.</summary>
    private static string FilteredPerLearner(AnalyticsFilter filter, NpgsqlCommand command, bool weekly)
    {
        var days = LearnerLessonDays.Cte(filter, command, []);
        return $"""
            {days},
            per_learner AS (
                SELECT {(weekly ? WeekOfDay : "day")} AS period, user_id, sum(statements) AS statements
                FROM days
                GROUP BY 1, 2)
            """;
    }
}
