namespace SevenTaps.Text;

/// <param name="Current">Answers of the period (in its sample) that contain the phrase.</param>
/// <param name="Previous">The same in the previous period.</param>
/// <param name="Change">Current − Previous.</param>
/// <param name="CurrentShare">Current / answers of the period's sample: compare shares when the periods differ in size.</param>
/// <param name="IsNew">Not in any answer of the previous period.</param>
/// <param name="Example">The first answer of the period's sample (the newest, as samples are read) containing the phrase; null when none does.</param>
public sealed record PhraseTrend(string Phrase, long Current, long Previous, long Change, double CurrentShare, double PreviousShare, bool IsNew, int? Example);

/// <summary>
/// Themes of one period against the previous period: the top phrases of either period (<see cref="KeyphraseRanker"/>),
/// counted in both samples. One comparison for analytics' trending themes and Seven's, so both show the same trends.
/// </summary>
public static class ThemeTrends
{
    /// <summary>Top phrases taken from each period before comparing.</summary>
    public const int CandidatesPerPeriod = 100;

    /// <summary>Each answer's card (<paramref name="currentCards"/>, <paramref name="previousCards"/>) gives the phrases' focus on cards.</summary>
    public static IReadOnlyList<PhraseTrend> Compare(
        IReadOnlyList<string> currentAnswers, IReadOnlyList<string> currentCards, IReadOnlyList<string> previousAnswers, IReadOnlyList<string> previousCards)
    {
        var currentCounts = Counts(currentAnswers);
        var previousCounts = Counts(previousAnswers);
        var candidates = KeyphraseRanker.Rank(currentCounts, currentAnswers.Count, new PhraseFocus(currentCards), CandidatesPerPeriod)
            .Concat(KeyphraseRanker.Rank(previousCounts, previousAnswers.Count, new PhraseFocus(previousCards), CandidatesPerPeriod))
            .Select(phrase => phrase.Phrase)
            .Distinct(StringComparer.Ordinal);
        return candidates.Select(phrase =>
        {
            var answers = currentCounts.GetValueOrDefault(phrase);
            long now = answers?.Count ?? 0, before = previousCounts.GetValueOrDefault(phrase)?.Count ?? 0;
            return new PhraseTrend(phrase, now, before, now - before, Share(now, currentAnswers.Count), Share(before, previousAnswers.Count), before == 0,
                answers is [var first, ..] ? first : null);
        }).ToList();
    }

    private static IReadOnlyDictionary<string, List<int>> Counts(IReadOnlyList<string> answers) =>
        KeyphraseRanker.CountAll(answers.Select(answer => NGrams.Of(answer)).ToList());

    private static double Share(long count, int answers) => answers == 0 ? 0 : Math.Round((double)count / answers, 4);
}
