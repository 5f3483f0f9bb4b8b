using Agent.Api.Guard;
using SevenTaps.Text;

namespace Agent.Api.Engine.Offline;

/// <summary>
/// Themes from the sample the verified <c>themes</c> query read (the newest free-text answers and their cards, as
/// arrays in one row): ranked by <see cref="KeyphraseRanker"/> exactly as the analytics API's themes
/// (<c>ThemesQuery</c>: at most 200 phrases kept, by score, then phrase), so Seven's themes are the dashboard's.
/// </summary>
public static class ThemeRanking
{
    /// <summary>Phrases shown when the question names no number.</summary>
    public const int Shown = 10;

    /// <summary>The analytics API's cap on phrases ranked per request (<c>ThemesQuery.MaxThemes</c>).</summary>
    public const int MaxThemes = 200;

    public static readonly IReadOnlyList<string> Columns = ["phrase", "answers", "share", "score", "example", "answers_analysed"];

    /// <summary>The top phrases as rows of <see cref="Columns"/>; <paramref name="sampled"/> when more answers matched than were read.</summary>
    public static GuardedResult Rank(GuardedResult sample, int? top, out int analysed, out bool sampled)
    {
        var row = sample.Rows.Count > 0 ? sample.Rows[0] : null;
        var answers = (row?[1] as object?[] ?? []).Select(value => value as string ?? "").ToList();
        var cards = (row?[2] as object?[] ?? []).Select(value => value as string ?? "").ToList();
        sampled = answers.Count > VerifiedQueries.ThemeSampleSize;
        if (sampled)
        {
            answers = answers[..VerifiedQueries.ThemeSampleSize];
            cards = cards[..VerifiedQueries.ThemeSampleSize];
        }
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
}
