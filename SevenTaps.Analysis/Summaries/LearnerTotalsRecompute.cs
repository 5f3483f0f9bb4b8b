using Npgsql;

namespace SevenTaps.Analysis.Summaries;

/// <summary>The write SQL of <c>learner_totals</c>.</summary>
/// <remarks>
/// Invariant: one row per learner with activities: lessons started and completed, statements, responses, first and
/// last statement time, summed from the learner's <c>learner_lessons</c> rows that hold activities. Unlike the
/// learner-lesson summaries this is not added to but recomputed: whether a lesson counts as started or completed
/// depends on the learner's other rows of that lesson. Every writer recomputes the learners it wrote, after all its
/// fact writes and voiding in the transaction, so the learner-lessons it reads are final for it. Read through
/// <see cref="LearnerTotals"/> (Analytics.Api's learners list and overview) when <see cref="SourcePlanner.LearnersAsync"/>
/// says the totals answer (no <c>from</c>, no lesson, every statement before the as-of instant).
/// </remarks>
public static class LearnerTotalsRecompute
{
    public const string Table = AnalysisSchema.LearnerTotals.Name;

    /// <summary>
    /// Recomputes the totals of the learners in <paramref name="users"/> (a SQL text[] expression; nulls and
    /// repeats are ignored) from their learner-lessons. The first statement locks their rows in key order, inserting
    /// a placeholder for a learner without one; the second reads the learner-lessons in a snapshot taken after that
    /// lock. So of two transactions that both wrote a learner's learner-lessons, the later one waits for the earlier
    /// one's commit and then reads both writes: neither's totals come from a snapshot that lacks the other's rows.
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> Recompute(string schema, string users, params NpgsqlParameter[] parameters)
    {
        var table = $"{schema}.{Table}";
        yield return With(parameters, $"""
            INSERT INTO {table} AS t (user_id, lessons_started, lessons_completed, statements, responses, first_at, last_at)
            SELECT DISTINCT user_id, 0, 0, 0, 0, '-infinity'::timestamptz, '-infinity'::timestamptz
            FROM unnest({users}) AS u(user_id) WHERE user_id IS NOT NULL ORDER BY user_id
            ON CONFLICT (user_id) DO UPDATE SET user_id = excluded.user_id
            """);
        // Every learner named has a (locked) row now: the ones with activities get their sums, the others go.
        // The learners are named by = ANY on each table, so each is read through its key.
        yield return With(parameters, $"""
            WITH sums AS (
                SELECT p.user_id, count(*) FILTER (WHERE p.lesson_url <> '') AS lessons_started,
                       count(*) FILTER (WHERE p.lesson_url <> '' AND p.completions > 0) AS lessons_completed,
                       sum(p.statements) AS statements, sum(p.responses) AS responses, min(p.first_at) AS first_at, max(p.last_at) AS last_at
                FROM {schema}.{AnalysisSchema.LearnerLessons.Name} p
                WHERE p.user_id = ANY({users}) AND p.statements > 0
                GROUP BY p.user_id),
            without_activities AS (
                DELETE FROM {table} t
                WHERE t.user_id = ANY({users}) AND NOT EXISTS (SELECT 1 FROM sums s WHERE s.user_id = t.user_id))
            UPDATE {table} t
            SET lessons_started = s.lessons_started, lessons_completed = s.lessons_completed, statements = s.statements,
                responses = s.responses, first_at = s.first_at, last_at = s.last_at
            FROM sums s WHERE t.user_id = ANY({users}) AND t.user_id = s.user_id
            """);
    }

    /// <summary>Recomputes these learners' totals (see <see cref="Recompute(string, string, NpgsqlParameter[])"/>).</summary>
    public static IEnumerable<NpgsqlBatchCommand> Recompute(string schema, IEnumerable<string> userIds) =>
        Recompute(schema, "$1::text[]", new NpgsqlParameter { Value = userIds.Distinct(StringComparer.Ordinal).ToArray() });

    private static NpgsqlBatchCommand With(NpgsqlParameter[] parameters, string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }
        return command;
    }
}
