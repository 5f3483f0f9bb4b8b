using Npgsql;
using SevenTaps.Text;

namespace Analytics.Api.Queries;

/// <param name="Group">The lesson URL, question id, cohort Monday or UTC day/week Monday (yyyy-MM-dd); null for answers without one.</param>
/// <param name="Label">The lesson's name or the question's text, when known.</param>
/// <param name="MeanScore">Mean VADER compound score (-1..1).</param>
/// <param name="Positive">Answers scoring ≥ 0.05.</param>
/// <param name="Neutral">Answers scoring between -0.05 and 0.05.</param>
/// <param name="Negative">Answers scoring ≤ -0.05.</param>
public sealed record SentimentGroup(string? Group, string? Label, long Answers, double MeanScore, long Positive, long Neutral, long Negative);

/// <summary>
/// Sentiment of free-text answers (scored once by the normalizer) aggregated in SQL per lesson, question, cohort, day or
/// week: from the normalizer's daily counts when they answer (<see cref="SourcePlanner.Sentiment"/>), else from the answers.
/// </summary>
public static class SentimentQuery
{
    public static readonly IReadOnlyList<string> Groupings = ["lesson", "question", "cohort", "day", "week"];

    public static readonly IReadOnlyDictionary<string, string> Sortable = new Dictionary<string, string>
    {
        ["group"] = "1",
        ["answers"] = "3",
        ["meanScore"] = "4",
        ["positive"] = "5",
        ["neutral"] = "6",
        ["negative"] = "7",
    };

    public static async Task<PagedList<SentimentGroup>> RunAsync(
        AnalysisReader reader, AnalyticsFilter filter, string groupBy, string? questionId, Paging paging, CancellationToken cancellationToken)
    {
        await using var command = reader.DataSource.CreateCommand();
        command.CommandText = Sql(command, filter, groupBy, questionId, paging);
        var items = new List<SentimentGroup>();
        long total = 0;
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            items.Add(new SentimentGroup(rows.IsDBNull(0) ? null : rows.GetString(0), rows.IsDBNull(1) ? null : rows.GetString(1),
                rows.GetInt64(2), rows.GetDouble(3), rows.GetInt64(4), rows.GetInt64(5), rows.GetInt64(6)));
            total = rows.GetInt64(7);
        }
        return new PagedList<SentimentGroup>(items, paging.Page, paging.PageSize, total);
    }

    internal static string Sql(NpgsqlCommand command, AnalyticsFilter filter, string groupBy, string? questionId, Paging paging)
    {
        var groups = SourcePlanner.Sentiment(filter, byCohort: groupBy == "cohort") == AnalysisSource.FreeTextSentimentCounts
            ? FromCounts(command, filter, groupBy, questionId)
            : FromAnswers(command, filter, groupBy, questionId);
        // Aggregated first, then the few groups named and formatted: labels joined or dates formatted before grouping
        // would cost once per answer (or per count row).
        var (name, label) = groupBy switch
        {
            "lesson" => ("g.grp", $"(SELECT l.lesson_name FROM {AnalysisSchema.Lessons.Table} l WHERE l.lesson_url = g.grp)"),
            "question" => ("g.grp", $"(SELECT q.question_text FROM {AnalysisSchema.Questions.Table} q WHERE q.question_id = g.grp)"),
            _ => ("to_char(g.grp, 'YYYY-MM-DD')", "NULL::text"),
        };
        var limit = command.Add(paging.PageSize);
        var offset = command.Add(paging.Offset);
        return $"""
            WITH g AS ({groups})
            SELECT {name}, {label}, g.answers, g.mean_score, g.positive, g.neutral, g.negative, count(*) OVER ()
            FROM g
            {paging.OrderBy(Sortable, "1")}
            LIMIT {limit} OFFSET {offset}
            """;
    }

    /// <summary>The normalizer's daily counts per question and lesson (<see cref="FreeTextSentimentCounts"/>): a row per question, lesson and day.</summary>
    private static string FromCounts(NpgsqlCommand command, AnalyticsFilter filter, string groupBy, string? questionId)
    {
        var group = groupBy switch
        {
            "lesson" => "s.lesson_url",
            "question" => "s.question_id",
            "week" => "date_trunc('week', s.day::timestamp)::date", // as a timestamp: the session's time zone plays no part
            _ => "s.day",
        };
        var conditions = filter.WhereDays("s.day", command)
            + (filter.Lesson is { } lesson ? $" AND s.lesson_url = {command.Add(lesson)}" : "")
            + (questionId is null ? "" : $" AND s.question_id = {command.Add(questionId)}");
        return $"""
            SELECT {group} AS grp, sum(s.answers) AS answers, round((sum(s.sentiment_sum) / sum(s.answers))::numeric, 4)::float8 AS mean_score,
                   sum(s.positive) AS positive, sum(s.neutral) AS neutral, sum(s.negative) AS negative
            FROM {AnalysisSchema.FreeTextSentimentCounts.Table} s
            WHERE {conditions}
            GROUP BY 1
            """;
    }

    /// <summary>Every free-text answer of the filter, from the covering index on their timestamp.</summary>
    private static string FromAnswers(NpgsqlCommand command, AnalyticsFilter filter, string groupBy, string? questionId)
    {
        var where = FreeTextSampleQuery.FreeTextWhere("r", filter, questionId, command);
        var positive = command.Add(SentimentAnalyzer.PositiveThreshold);
        var negative = command.Add(SentimentAnalyzer.NegativeThreshold);
        var (group, join) = groupBy switch
        {
            "lesson" => ("r.lesson_url", ""),
            "question" => ("r.question_id", ""),
            "cohort" => ("date_trunc('week', u.first_seen AT TIME ZONE 'UTC')::date", $"JOIN {AnalysisSchema.Users.Table} u ON u.user_id = r.user_id"),
            "week" => ("date_trunc('week', r.\"timestamp\" AT TIME ZONE 'UTC')::date", ""),
            _ => ("(r.\"timestamp\" AT TIME ZONE 'UTC')::date", ""),
        };
        return $"""
            SELECT {group} AS grp, count(*) AS answers, round(avg(r.sentiment)::numeric, 4)::float8 AS mean_score,
                   count(*) FILTER (WHERE r.sentiment >= {positive}) AS positive,
                   count(*) FILTER (WHERE r.sentiment > {negative} AND r.sentiment < {positive}) AS neutral,
                   count(*) FILTER (WHERE r.sentiment <= {negative}) AS negative
            FROM {AnalysisSchema.UserResponses.Table} r {join}
            WHERE {where}
            GROUP BY 1
            """;
    }
}
