using Npgsql;
using SevenTaps.Text;

namespace Analytics.Api.Queries;

/// <summary>
/// What the explorer's rows are filtered by: the analytics filter (time range, lesson, cohort) and one card, one
/// learner, and for answers a full-text search, a sentiment class and whether the watch list flags them.
/// </summary>
/// <param name="Text">Words to find in free-text answers (websearch syntax, English stemming: "sleep" finds "slept").</param>
/// <param name="Sentiment">positive (≥ 0.05), negative (≤ -0.05) or neutral (between): free-text answers only.</param>
/// <param name="Flagged">true: answers containing a watch-list term as whole words; false: every other answer.</param>
public sealed record ExplorerFilter(AnalyticsFilter Range, string? Card, string? Learner, string? Text, string? Sentiment, bool? Flagged)
{
    public static IReadOnlyList<string> SentimentClasses { get; } = ["positive", "negative", "neutral"];

    /// <summary>Whether the filter uses what only answers have (text, sentiment, flagged).</summary>
    public bool NeedsAnswers => Text is not null || Sentiment is not null || Flagged is not null;

    /// <summary>The filter as SQL conditions on rows aliased <paramref name="alias"/> (answers also need <paramref name="watchList"/>).</summary>
    public string Where(string alias, NpgsqlCommand command, IReadOnlyList<string> watchList)
    {
        var conditions = new List<string> { Range.Where(alias, command) };
        if (Card is not null)
        {
            conditions.Add($"{alias}.question_id = {command.Add(Card)}");
        }
        if (Learner is not null)
        {
            conditions.Add($"{alias}.user_id = {command.Add(Learner)}");
        }
        if (Text is not null)
        {
            conditions.Add($"{alias}.response_search @@ websearch_to_tsquery('english', {command.Add(Text)})");
        }
        if (Sentiment is not null)
        {
            var (positive, negative) = (Literal(SentimentAnalyzer.PositiveThreshold), Literal(SentimentAnalyzer.NegativeThreshold));
            conditions.Add(Sentiment switch
            {
                "positive" => $"{alias}.sentiment >= {positive}",
                "negative" => $"{alias}.sentiment <= {negative}",
                _ => $"{alias}.sentiment > {negative} AND {alias}.sentiment < {positive}",
            });
        }
        if (Flagged is { } flagged)
        {
            var match = WatchListMatch(alias, command, watchList);
            conditions.Add(flagged ? match : $"NOT coalesce({match}, false)");
        }
        return string.Join(" AND ", conditions);
    }

    private static string Literal(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A free-text answer containing some watch-list term as whole words, as <see cref="FlaggedResponsesQuery"/> decides it:
    /// the stored words contain the term's phrase (indexed) and its word-boundary pattern confirms it.
    /// </summary>
    private static string WatchListMatch(string alias, NpgsqlCommand command, IReadOnlyList<string> watchList)
    {
        var anyTerm = string.Join(" OR ", watchList.Select(term => $"{alias}.response_words @@ phraseto_tsquery('simple', {command.Add(term)})"));
        var terms = command.Add(watchList.ToArray());
        var patterns = command.Add(watchList.Select(WatchListTerms.Pattern).ToArray());
        return $"""
            ({alias}.sentiment IS NOT NULL AND ({anyTerm}) AND EXISTS (
                SELECT 1 FROM unnest({terms}::text[], {patterns}::text[]) AS w(term, pattern)
                WHERE {alias}.response_words @@ phraseto_tsquery('simple', w.term) AND {alias}.response_text ~* w.pattern))
            """;
    }
}
