using SevenTaps.Text;

namespace Analytics.Api.Queries;

/// <param name="Phrase">One to three words, lower case.</param>
/// <param name="Answers">Answers in the sample that contain it.</param>
/// <param name="Share">Answers / answers analysed.</param>
/// <param name="Score">TF-IDF weight summed over the answers, times the phrase's focus on particular cards and a bonus per extra word (<see cref="KeyphraseRanker"/>).</param>
/// <param name="Examples">Up to three of the newest answers that contain it.</param>
public sealed record Theme(string Phrase, long Answers, double Share, double Score, IReadOnlyList<string> Examples);

/// <param name="AnswersAnalysed">The newest free-text answers passing the filters that were analysed (at most Analytics:ThemeSampleSize).</param>
/// <param name="Sampled">More answers passed the filters than were analysed: counts are of the sample.</param>
public sealed record ThemeReport(IReadOnlyList<Theme> Items, int Page, int PageSize, long Total, int AnswersAnalysed, bool Sampled);

/// <summary>
/// Top keyphrases of free-text answers: the newest answers (and their cards) from SQL, n-grams, TF-IDF and focus on
/// cards in <see cref="KeyphraseRanker"/>, so phrases every card's answers share sink and topics rise.
/// </summary>
public static class ThemesQuery
{
    /// <summary>Phrases kept per request; paging and sorting happen within them.</summary>
    public const int MaxThemes = 200;

    public static readonly IReadOnlyDictionary<string, string> Sortable = new Dictionary<string, string>
    {
        ["score"] = "score",
        ["answers"] = "answers",
        ["phrase"] = "phrase",
    };

    public static async Task<ThemeReport> RunAsync(
        AnalysisReader reader, AnalyticsFilter filter, string? questionId, Paging paging, int sampleSize, CancellationToken cancellationToken)
    {
        var sample = await FreeTextSampleQuery.NewestAsync(reader, filter, questionId, sampleSize, cancellationToken);
        var count = Math.Max(1, sample.Answers.Count);
        var themes = KeyphraseRanker.Rank(sample.Answers, sample.Cards, MaxThemes)
            .Select(phrase => new Theme(phrase.Phrase, phrase.Answers, Math.Round((double)phrase.Answers / count, 4), phrase.Score,
                phrase.Examples.Select(index => sample.Answers[index]).ToList()))
            .ToList();
        var sorted = paging.SortColumn switch
        {
            "answers" => Order(themes, theme => theme.Answers, paging.Descending),
            "phrase" => Order(themes, theme => theme.Phrase, paging.Descending),
            _ => Order(themes, theme => theme.Score, paging.Descending),
        };
        var page = sorted.ThenBy(theme => theme.Phrase, StringComparer.Ordinal).Skip(paging.Offset).Take(paging.PageSize).ToList();
        return new ThemeReport(page, paging.Page, paging.PageSize, themes.Count, sample.Answers.Count, sample.Sampled);
    }

    /// <summary>Sorts a list computed in memory by a column; callers add the tie-break that keeps pages stable.</summary>
    public static IOrderedEnumerable<T> Order<T, TKey>(IEnumerable<T> items, Func<T, TKey> key, bool descending) =>
        descending ? items.OrderByDescending(key) : items.OrderBy(key);
}
