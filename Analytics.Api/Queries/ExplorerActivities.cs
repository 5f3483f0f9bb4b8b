using Npgsql;

namespace Analytics.Api.Queries;

/// <summary>One learning event (answered, completed, ...) as the explorer shows it, with its learner, lesson and card named.</summary>
/// <param name="CardId">The card's activity id when the event is on a card; null for a lesson's completion.</param>
/// <param name="Source">Where the row came from: an xAPI statement or a CSV import.</param>
public sealed record ExplorerActivity(
    Guid StatementId, DateTimeOffset Timestamp, string LearnerId, string? LearnerName, string Verb, string ActivityType, string? LessonUrl,
    string? LessonNumber, string? LessonName, string? CardId, bool? Completion, bool? Success, double? DurationSeconds, string Source);

/// <summary>The explorer's activities: analysis.user_activities.</summary>
public static class ExplorerActivities
{
    public static ExplorerSource<ExplorerActivity> Source { get; } = new(
        AnalysisSchema.UserActivities.Table,
        $"""
        {AnalysisSchema.UserActivities.Table} r
        JOIN {AnalysisSchema.Users.Table} u ON u.user_id = r.user_id
        LEFT JOIN {AnalysisSchema.Lessons.Table} l ON l.lesson_url = r.lesson_url
        """,
        [
            ("statementId", "r.statement_id"), ("timestamp", "r.\"timestamp\""), ("learnerId", "r.user_id"), ("learnerName", "u.display_name"),
            ("verb", "r.verb"), ("activityType", "r.activity_type"), ("lessonUrl", "r.lesson_url"), ("lessonNumber", "l.lesson_number"),
            ("lessonName", "l.lesson_name"), ("cardId", "r.question_id"), ("completion", "r.completion"), ("success", "r.success"),
            ("durationSeconds", "r.duration_seconds"), ("source", "r.source"),
        ],
        new Dictionary<string, ExplorerSortColumn>
        {
            ["timestamp"] = new("r.\"timestamp\"", ExplorerKeyType.Time),
            ["learner"] = new("r.user_id", ExplorerKeyType.Text),
            ["lesson"] = new("coalesce(r.lesson_url, '')", ExplorerKeyType.Text),
            ["card"] = new("coalesce(r.question_id, '')", ExplorerKeyType.Text),
            ["verb"] = new("r.verb", ExplorerKeyType.Text),
            ["duration"] = new("coalesce(r.duration_seconds, -1)", ExplorerKeyType.Number),
        },
        Read,
        HasAnswers: false);

    private static ExplorerActivity Read(NpgsqlDataReader rows) => new(
        rows.GetGuid(0), rows.GetFieldValue<DateTimeOffset>(1), rows.GetString(2), ExplorerResponses.Text(rows, 3), rows.GetString(4), rows.GetString(5),
        ExplorerResponses.Text(rows, 6), ExplorerResponses.Text(rows, 7), ExplorerResponses.Text(rows, 8), ExplorerResponses.Text(rows, 9),
        rows.IsDBNull(10) ? null : rows.GetBoolean(10), rows.IsDBNull(11) ? null : rows.GetBoolean(11), ExplorerResponses.Number(rows, 12), rows.GetString(13));
}
