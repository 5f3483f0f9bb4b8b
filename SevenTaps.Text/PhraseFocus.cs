namespace SevenTaps.Text;

/// <summary>
/// How much a phrase's answers gather on particular cards compared with answers in general: the Kullback-Leibler
/// divergence (in nats) of the phrase's answers over cards from all answers over cards. A topic lives on the
/// cards that ask about it ("screen time" on the screen-time lesson's cards) and scores high; a filler phrase
/// ("still figuring it out") turns up everywhere in proportion to how many answers each card has and scores near 0.
/// </summary>
/// <remarks>
/// The phrase's distribution is smoothed towards the overall one by <see cref="PriorAnswers"/> pseudo-answers, so a
/// phrase of a few answers, which lands on few cards by chance, is not taken for a concentrated one.
/// </remarks>
public sealed class PhraseFocus
{
    /// <summary>Pseudo-answers spread like all answers, added to each phrase's own.</summary>
    public const double PriorAnswers = 10;

    private readonly int[] _cardOf;
    private readonly double[] _share;

    /// <param name="cards">The card (or any grouping) of each answer, by answer index.</param>
    public PhraseFocus(IReadOnlyList<string> cards)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        _cardOf = new int[cards.Count];
        var counts = new List<int>();
        for (var answer = 0; answer < cards.Count; answer++)
        {
            if (!index.TryGetValue(cards[answer], out var card))
            {
                index[cards[answer]] = card = counts.Count;
                counts.Add(0);
            }
            _cardOf[answer] = card;
            counts[card]++;
        }
        _share = counts.Select(count => (double)count / cards.Count).ToArray();
    }

    /// <summary>Answers on one card only: where a phrase lies says nothing.</summary>
    public bool IsInformative => _share.Length > 1;

    /// <summary>The divergence for the phrase found in these answers (indexes); 0 when spread like all answers.</summary>
    public double Of(IReadOnlyList<int> answers)
    {
        var counts = new Dictionary<int, int>();
        foreach (var answer in answers)
        {
            counts[_cardOf[answer]] = counts.GetValueOrDefault(_cardOf[answer]) + 1;
        }
        var total = answers.Count + PriorAnswers;
        var divergence = 0.0;
        var shareWithout = 1.0;
        foreach (var (card, count) in counts)
        {
            var share = _share[card];
            var smoothed = (count + (PriorAnswers * share)) / total;
            divergence += smoothed * Math.Log(smoothed / share);
            shareWithout -= share;
        }
        // Every card without the phrase keeps its prior share, scaled by the same factor.
        var scale = PriorAnswers / total;
        return Math.Max(0, divergence + (Math.Max(0, shareWithout) * scale * Math.Log(scale)));
    }
}
