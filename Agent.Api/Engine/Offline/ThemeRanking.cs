using Agent.Api.Guard;
using SevenTaps.Text;

namespace Agent.Api.Engine.Offline;

/// <summary>
/// Themes from the samples the verified <c>themes</c> and <c>trending_themes</c> queries read (the newest free-text
/// answers and their cards, as arrays in one row per sample): ranked by <see cref="KeyphraseRanker"/> exactly as the
/// analytics API's themes (<c>ThemesQuery</c>: at most 200 phrases kept, by score, then phrase), and compared between
/// two periods by <see cref="ThemeTrends"/> as its trending themes (by change, then phrase), so Seven's themes are the
/// dashboard's.
/// </summary>
public static class ThemeRanking
{
    /// <summary>Phrases shown when the question names no number.</summary>
    public const int Shown = 10;

    /// <summary>The analytics API's cap on phrases ranked per request (<c>ThemesQuery.MaxThemes</c>).</summary>
    public const int MaxThemes = 200;

    public static readonly IReadOnlyList<string> Columns = ["phrase", "answers", "share", "score", "example", "answers_analysed"];

    public static readonly IReadOnlyList<string> TrendingColumns =
        ["phrase", "current", "previous", "change", "current_share", "previous_share", "is_new", "example", "answers_analysed", "previous_answers_analysed"];

    /// <summary>The top phrases as rows of <see cref="Columns"/>; <paramref name="sampled"/> when more answers matched than were read.</summary>
    public static GuardedResult Rank(GuardedResult sample, int? top, out int analysed, out bool sampled)
    {
        var (answers, cards, more) = Sample(sample.Rows.Count > 0 ? sample.Rows[0] : null, 1);
        sampled = more;
        analysed = answers.Count;
        var count = Math.Max(1, answers.Count);
        var total = analysed;
        // Ordered as the dashboard's first page (sorted by score, then phrase).
        var rows = KeyphraseRanker.Rank(answers, cards, MaxThemes)
            .OrderByDescending(phrase => phrase.Score).ThenBy(phrase => phrase.Phrase, StringComparer.Ordinal)
            .Take(top ?? Shown)
            .Select(phrase => new object?[]
            {
                phrase.Phrase, (long)phrase.Answers, Math.Round((double)phrase.Answers / count, 4), phrase.Score,
                phrase.Examples.Count > 0 ? answers[phrase.Examples[0]] : null, (long)total,
            })
            .ToList();
        return new GuardedResult(Columns, rows, false, sample.EstimatedCost, sample.Duration);
    }

    /// <summary>
    /// The phrases that rose from the previous period to this one (<paramref name="newOnly"/>: that the previous period
    /// did not have at all), most risen first, as rows of <see cref="TrendingColumns"/>, each with the newest answer of the
    /// period containing it as evidence; <paramref name="sampled"/> when a period had more answers than were read.
    /// </summary>
    public static GuardedResult Trending(GuardedResult samples, int? top, bool newOnly, out bool sampled)
    {
        var (current, currentCards, currentSampled) = Sample(samples.Rows.FirstOrDefault(row => row[0] as string == "current"), 4);
        var (previous, previousCards, previousSampled) = Sample(samples.Rows.FirstOrDefault(row => row[0] as string == "previous"), 4);
        sampled = currentSampled || previousSampled;
        var rows = ThemeTrends.Compare(current, currentCards, previous, previousCards)
            .Where(trend => newOnly ? trend.IsNew && trend.Current > 0 : trend.Change > 0)
            .OrderByDescending(trend => trend.Change).ThenBy(trend => trend.Phrase, StringComparer.Ordinal)
            .Take(top ?? Shown)
            .Select(trend => new object?[]
            {
                trend.Phrase, trend.Current, trend.Previous, trend.Change, trend.CurrentShare, trend.PreviousShare, trend.IsNew,
                trend.Example is { } example ? current[example] : null, (long)current.Count, (long)previous.Count,
            })
            .ToList();
        return new GuardedResult(TrendingColumns, rows, false, samples.EstimatedCost, samples.Duration);
    }

    /// <summary>The answers and cards of a sample row (arrays from column <paramref name="answersColumn"/> on), cut to the sample size.</summary>
    private static (List<string> Answers, List<string> Cards, bool Sampled) Sample(object?[]? row, int answersColumn)
    {
        var answers = (row?[answersColumn] as object?[] ?? []).Select(value => value as string ?? "").ToList();
        var cards = (row?[answersColumn + 1] as object?[] ?? []).Select(value => value as string ?? "").ToList();
        return answers.Count > VerifiedQueries.ThemeSampleSize
            ? (answers[..VerifiedQueries.ThemeSampleSize], cards[..VerifiedQueries.ThemeSampleSize], true)
            : (answers, cards, false);
    }
}
