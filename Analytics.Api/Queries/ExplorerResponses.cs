using Npgsql;

namespace Analytics.Api.Queries;

/// <summary>One answer as the explorer shows it: the answer with its learner, lesson and card named.</summary>
/// <param name="CardId">The card's activity id (analysis.questions.question_id).</param>
/// <param name="ResponseValue">The answer as sent (choice ids, scale value, text).</param>
/// <param name="ResponseText">The answer in words: free text, or the chosen choices' labels.</param>
/// <param name="Sentiment">VADER compound score (-1..1) of a free-text answer; null for other answers.</param>
public sealed record ExplorerResponse(
    Guid StatementId, DateTimeOffset Timestamp, string LearnerId, string? LearnerName, string? LessonUrl, string? LessonNumber, string? LessonName,
    string? CardId, string? CardType, string? Question, string? ResponseValue, string? ResponseText, bool? IsCorrect, double? ScoreScaled,
    double? DurationSeconds, double? Sentiment);

/// <summary>The explorer's answers: analysis.user_responses.</summary>
public static class ExplorerResponses
{
    public static ExplorerSource<ExplorerResponse> Source { get; } = new(
        AnalysisSchema.UserResponses.Table,
        $"""
        {AnalysisSchema.UserResponses.Table} r
        JOIN {AnalysisSchema.Users.Table} u ON u.user_id = r.user_id
        LEFT JOIN {AnalysisSchema.Lessons.Table} l ON l.lesson_url = r.lesson_url
        LEFT JOIN {AnalysisSchema.Questions.Table} q ON q.question_id = r.question_id
        """,
        [
            ("statementId", "r.statement_id"), ("timestamp", "r.\"timestamp\""), ("learnerId", "r.user_id"), ("learnerName", "u.display_name"),
            ("lessonUrl", "r.lesson_url"), ("lessonNumber", "l.lesson_number"), ("lessonName", "l.lesson_name"),
            ("cardId", "r.question_id"), ("cardType", "q.question_type"), ("question", "q.question_text"),
            ("responseValue", "r.response_value"), ("responseText", "r.response_text"), ("isCorrect", "r.is_correct"),
            ("scoreScaled", "r.score_scaled"), ("durationSeconds", "r.duration_seconds"), ("sentiment", "r.sentiment"),
        ],
        new Dictionary<string, ExplorerSortColumn>
        {
            ["timestamp"] = new("r.\"timestamp\"", ExplorerKeyType.Time),
            ["learner"] = new("r.user_id", ExplorerKeyType.Text),
            ["lesson"] = new("coalesce(r.lesson_url, '')", ExplorerKeyType.Text),
            ["card"] = new("coalesce(r.question_id, '')", ExplorerKeyType.Text),
            // Answers without a score (not free text, no duration) sort below every score.
            ["sentiment"] = new("coalesce(r.sentiment, -2)", ExplorerKeyType.Number),
            ["duration"] = new("coalesce(r.duration_seconds, -1)", ExplorerKeyType.Number),
        },
        Read,
        HasAnswers: true);

    private static ExplorerResponse Read(NpgsqlDataReader rows) => new(
        rows.GetGuid(0), rows.GetFieldValue<DateTimeOffset>(1), rows.GetString(2), Text(rows, 3), Text(rows, 4), Text(rows, 5), Text(rows, 6),
        Text(rows, 7), Text(rows, 8), Text(rows, 9), Text(rows, 10), Text(rows, 11), rows.IsDBNull(12) ? null : rows.GetBoolean(12),
        Number(rows, 13), Number(rows, 14), Number(rows, 15));

    internal static string? Text(NpgsqlDataReader rows, int ordinal) => rows.IsDBNull(ordinal) ? null : rows.GetString(ordinal);

    internal static double? Number(NpgsqlDataReader rows, int ordinal) => rows.IsDBNull(ordinal) ? null : rows.GetDouble(ordinal);
}
