using Agent.Api.Engine;
using Agent.Api.Engine.Offline;
using SevenTaps.Analysis.Description;

namespace Agent.Api.Model;

/// <summary>
/// Our terms in SQL, for the model: each glossary entry of the published schema description (the words) with the SQL the
/// verified queries use for it (the same fragments, so a model's SQL counts as Seven's does).
/// </summary>
public static class SqlGlossary
{
    private static readonly IReadOnlyDictionary<string, string> Sql = new Dictionary<string, string>
    {
        ["statement time"] = "a.\"timestamp\" >= $from AND a.\"timestamp\" < $to (UTC); days: date_trunc('day', a.\"timestamp\" AT TIME ZONE 'UTC')::date",
        ["completion"] = $"completed when bool_or({VerifiedQueries.IsCompletion}) per (user_id, lesson_url) of analysis.user_activities a; " +
            "completion rate = completed (user, lesson) pairs / started pairs (any activity in the lesson)",
        ["lesson order"] = $"lesson N is the row with lesson = N of: WITH {CourseCatalog.CourseCte.Trim()}",
        ["drop-off"] = "per learner: max(course.lesson) over the lessons they have an activity in (their furthest lesson); per lesson: " +
            "reached = learners with an activity in it, stopped_here = learners whose furthest lesson it is",
        ["at-risk"] = "Seven's list: learners with fewer completed lessons than the course has and no activity in the 7 days before " +
            "(SELECT max(\"timestamp\") FROM analysis.user_activities)",
        ["cohort"] = "date_trunc('week', u.first_seen AT TIME ZONE 'UTC')::date of analysis.users u; cohorts are lettered A, B, ... in week order",
        ["active learner"] = "count(DISTINCT a.user_id) of analysis.user_activities a in the period",
        ["free-text answer"] = "analysis.user_responses r WHERE r.sentiment IS NOT NULL (search: r.response_search @@ websearch_to_tsquery('english', $words))",
    };

    /// <summary>One line per term: its meaning, then its SQL.</summary>
    public static string Describe() => string.Join('\n', AnalysisSchemaDescription.Published.Glossary.Select(entry =>
        $"- {entry.Term}: {entry.Meaning}" + (Sql.TryGetValue(entry.Term, out var sql) ? $"\n  SQL: {sql}" : "")));
}
