namespace Analytics.Api.Queries;

/// <param name="MatchedTerms">The watch-list terms found in the answer.</param>
public sealed record FlaggedResponse(
    Guid StatementId, string UserId, string? QuestionId, string? LessonUrl, DateTimeOffset Timestamp, string ResponseText,
    double? Sentiment, IReadOnlyList<string> MatchedTerms);

/// <summary>
/// Free-text answers that contain a watch-list term as whole words (case-insensitive). The full-text GIN index
/// finds candidates (each term as a phrase query, any term will do); each candidate is then checked term by term:
/// first the term's own phrase query on the stored vector (cheap), then, only where that matches, the term's
/// word-boundary regular expression on the text, which confirms the exact words and names the term. One large
/// alternation of every term's expression on every candidate was measured at twice the time.
/// </summary>
public static class FlaggedResponsesQuery
{
    public static readonly IReadOnlyDictionary<string, string> Sortable = new Dictionary<string, string>
    {
        ["timestamp"] = "f.\"timestamp\"",
        ["userId"] = "f.user_id",
        ["sentiment"] = "f.sentiment",
    };

    public static async Task<PagedList<FlaggedResponse>> RunAsync(
        AnalysisReader reader, IReadOnlyList<string> watchList, AnalyticsFilter filter, string? questionId, Paging paging, CancellationToken cancellationToken)
    {
        await using var command = reader.DataSource.CreateCommand();
        var where = FreeTextSampleQuery.FreeTextWhere("r", filter, questionId, command);
        var anyTerm = string.Join(" || ", watchList.Select(term => $"phraseto_tsquery('english', {command.Add(term)})"));
        var terms = command.Add(watchList.ToArray());
        var patterns = command.Add(watchList.Select(WatchListTerms.Pattern).ToArray());
        var limit = command.Add(paging.PageSize);
        var offset = command.Add(paging.Offset);
        // MATERIALIZED keeps the planner on the GIN index: ordered by time with a LIMIT it would otherwise walk the
        // timestamp index and test every free-text answer.
        command.CommandText = $"""
            WITH watch AS MATERIALIZED (
                SELECT w.term, w.pattern, phraseto_tsquery('english', w.term) AS query
                FROM unnest({terms}::text[], {patterns}::text[]) AS w(term, pattern)),
            candidates AS MATERIALIZED (
                SELECT r.statement_id, r.user_id, r.question_id, r.lesson_url, r."timestamp", r.response_text, r.sentiment, r.response_search
                FROM analysis.user_responses r
                WHERE r.response_search @@ ({anyTerm}) AND {where}),
            f AS (
                SELECT c.*, ARRAY(SELECT w.term FROM watch w WHERE c.response_search @@ w.query AND c.response_text ~* w.pattern) AS matched
                FROM candidates c)
            SELECT f.statement_id, f.user_id, f.question_id, f.lesson_url, f."timestamp", f.response_text, f.sentiment, f.matched, count(*) OVER ()
            FROM f
            WHERE cardinality(f.matched) > 0
            {paging.OrderBy(Sortable, "f.statement_id")}
            LIMIT {limit} OFFSET {offset}
            """;
        var items = new List<FlaggedResponse>();
        long total = 0;
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            items.Add(new FlaggedResponse(rows.GetGuid(0), rows.GetString(1), rows.IsDBNull(2) ? null : rows.GetString(2),
                rows.IsDBNull(3) ? null : rows.GetString(3), rows.GetFieldValue<DateTimeOffset>(4), rows.GetString(5),
                rows.IsDBNull(6) ? null : rows.GetDouble(6), rows.GetFieldValue<string[]>(7)));
            total = rows.GetInt64(8);
        }
        return new PagedList<FlaggedResponse>(items, paging.Page, paging.PageSize, total);
    }
}
