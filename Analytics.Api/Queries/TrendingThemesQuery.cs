using SevenTaps.Text;

namespace Analytics.Api.Queries;

/// <param name="Current">Answers of the period (in its sample) that contain the phrase.</param>
/// <param name="Previous">The same in the previous period of equal length.</param>
/// <param name="Change">Current − Previous.</param>
/// <param name="CurrentShare">Current / answers analysed in the period: compare shares when the periods differ in size.</param>
/// <param name="IsNew">Not in any answer of the previous period.</param>
public sealed record TrendingTheme(string Phrase, long Current, long Previous, long Change, double CurrentShare, double PreviousShare, bool IsNew);

/// <param name="From">The period: from (inclusive) ...</param>
/// <param name="To">... to (exclusive).</param>
/// <param name="PreviousFrom">The previous period of equal length starts here and ends at <paramref name="From"/>.</param>
/// <param name="Sampled">A period had more answers than Analytics:ThemeSampleSize: compare shares rather than counts.</param>
public sealed record TrendingReport(
    IReadOnlyList<TrendingTheme> Items, int Page, int PageSize, long Total,
    DateTimeOffset From, DateTimeOffset To, DateTimeOffset PreviousFrom, int AnswersAnalysed, int PreviousAnswersAnalysed, bool Sampled);

/// <summary>
/// Themes of one period against the previous period of the same length: the top phrases of either period,
/// counted in both samples (<see cref="ThemeTrends"/>, which Seven's trending themes share).
/// </summary>
public static class TrendingThemesQuery
{
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(7);

    public static readonly IReadOnlyDictionary<string, string> Sortable = new Dictionary<string, string>
    {
        ["change"] = "change",
        ["current"] = "current",
        ["previous"] = "previous",
        ["phrase"] = "phrase",
    };

    public static async Task<TrendingReport> RunAsync(
        AnalysisReader reader, AnalyticsFilter filter, string? questionId, Paging paging, int sampleSize, TimeProvider time, CancellationToken cancellationToken)
    {
        var to = filter.To ?? time.GetUtcNow();
        var from = filter.From ?? to - DefaultPeriod;
        var previousFrom = from - (to - from);
        var current = await FreeTextSampleQuery.NewestAsync(reader, filter with { From = from, To = to }, questionId, sampleSize, cancellationToken);
        var previous = await FreeTextSampleQuery.NewestAsync(reader, filter with { From = previousFrom, To = from }, questionId, sampleSize, cancellationToken);

        var themes = ThemeTrends.Compare(current.Answers, current.Cards, previous.Answers, previous.Cards)
            .Select(trend => new TrendingTheme(trend.Phrase, trend.Current, trend.Previous, trend.Change, trend.CurrentShare, trend.PreviousShare, trend.IsNew))
            .ToList();

        var sorted = paging.SortColumn switch
        {
            "current" => ThemesQuery.Order(themes, theme => theme.Current, paging.Descending),
            "previous" => ThemesQuery.Order(themes, theme => theme.Previous, paging.Descending),
            "phrase" => ThemesQuery.Order(themes, theme => theme.Phrase, paging.Descending),
            _ => ThemesQuery.Order(themes, theme => theme.Change, paging.Descending),
        };
        var page = sorted.ThenBy(theme => theme.Phrase, StringComparer.Ordinal).Skip(paging.Offset).Take(paging.PageSize).ToList();
        return new TrendingReport(page, paging.Page, paging.PageSize, themes.Count, from, to, previousFrom, current.Answers.Count, previous.Answers.Count, current.Sampled || previous.Sampled);
    }
}
