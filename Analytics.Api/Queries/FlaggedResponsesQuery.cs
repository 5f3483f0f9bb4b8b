namespace Analytics.Api.Queries;

/// <param name="MatchedTerms">The watch-list terms found in the answer.</param>
public sealed record FlaggedResponse(
    Guid StatementId, string UserId, string? QuestionId, string? LessonUrl, DateTimeOffset Timestamp, string ResponseText,
    double? Sentiment, IReadOnlyList<string> MatchedTerms);

/// <summary>
/// Free-text answers that contain a watch-list term as whole words (case-insensitive). The full-text GIN index
/// finds candidates first (each term as a phrase query); a word-boundary regular expression then confirms the
/// exact term and names it, so only candidate answers are ever scanned.
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
        var candidates = string.Join(" || ", watchList.Select(term => $"phraseto_tsquery('english', {command.Add(term)})"));
        var patterns = watchList.Select(WatchListTerms.Pattern).ToArray();
        var terms = command.Add(watchList.ToArray());
        var termPatterns = command.Add(patterns);
        var anyTerm = command.Add(string.Join('|', patterns.Select(pattern => $"(?:{pattern})")));
        var limit = command.Add(paging.PageSize);
        var offset = command.Add(paging.Offset);
        command.CommandText = $"""
            WITH f AS (
                SELECT r.statement_id, r.user_id, r.question_id, r.lesson_url, r."timestamp", r.response_text, r.sentiment
                FROM analysis.user_responses r
                WHERE r.response_search @@ ({candidates}) AND r.response_text ~* {anyTerm} AND {where})
            SELECT f.statement_id, f.user_id, f.question_id, f.lesson_url, f."timestamp", f.response_text, f.sentiment,
                   ARRAY(SELECT w.term FROM unnest({terms}::text[], {termPatterns}::text[]) AS w(term, pattern)
                         WHERE f.response_text ~* w.pattern),
                   count(*) OVER ()
            FROM f
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
