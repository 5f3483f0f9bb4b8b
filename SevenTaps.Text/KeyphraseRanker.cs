namespace SevenTaps.Text;

/// <summary>A keyphrase of a set of answers.</summary>
/// <param name="Phrase">Lower-case words joined by one space.</param>
/// <param name="Answers">Answers that contain it (document frequency).</param>
/// <param name="Score">
/// Its TF-IDF weight summed over the answers, <c>df × ln(N / df)</c>, times its focus on particular cards
/// (<see cref="PhraseFocus"/>, when the answers come from several cards) and a bonus for each word beyond the first.
/// </param>
/// <param name="Examples">Indexes of up to <see cref="KeyphraseRanker.ExamplesPerPhrase"/> answers that contain it, first ones first.</param>
public sealed record RankedPhrase(string Phrase, int Answers, double Score, IReadOnlyList<int> Examples);

/// <summary>
/// Top keyphrases of a set of answers by TF-IDF over their n-grams (<see cref="NGrams"/>): each answer is a
/// document, a phrase counts once per answer, and its weight summed over the answers is <c>df × ln(N / df)</c>,
/// which favours phrases many answers share but not all. TF-IDF alone puts filler first ("time", "work",
/// "figuring": people say "still figuring it out" about everything), so the weight is multiplied by the phrase's
/// focus on particular cards (<see cref="PhraseFocus"/>): a course owner's themes are what a card's or lesson's
/// answers are about, and a phrase spread evenly over every card is about none of them. Longer phrases name a
/// topic better than their words do ("screen time" over "time"), so each word beyond the first adds
/// <see cref="WordBonus"/>. Phrases of one answer only are noise and left out (when there are more than a few
/// answers), a phrase is dropped in favour of a longer one that contains it and appears in at least
/// <see cref="SubsumedShare"/> of its answers ("screen" goes when "screen time" carries it), and of phrases found in
/// exactly the same answers only the first is kept: they are pieces of one sentence people repeat ("testing whether
/// less", "whether less caffeine", "less caffeine changes"), one theme, not three.
/// </summary>
public static class KeyphraseRanker
{
    public const int ExamplesPerPhrase = 3;

    /// <summary>A phrase whose answers mostly contain one longer phrase says the same as that phrase.</summary>
    public const double SubsumedShare = 0.75;

    /// <summary>Share added to a phrase's weight for each word beyond its first.</summary>
    public const double WordBonus = 0.25;

    /// <param name="cards">Each answer's card (question id), or null when unknown: then TF-IDF alone ranks.</param>
    public static IReadOnlyList<RankedPhrase> Rank(IReadOnlyList<string> answers, IReadOnlyList<string>? cards, int top)
    {
        var documents = answers.Select(answer => NGrams.Of(answer)).ToList();
        return Rank(CountAll(documents), documents.Count, cards is null ? null : new PhraseFocus(cards), top);
    }

    /// <summary>Document frequency of every n-gram of the documents.</summary>
    public static IReadOnlyDictionary<string, List<int>> CountAll(IReadOnlyList<IReadOnlySet<string>> documents)
    {
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var index = 0; index < documents.Count; index++)
        {
            foreach (var gram in documents[index])
            {
                if (!postings.TryGetValue(gram, out var list))
                {
                    postings[gram] = list = [];
                }
                list.Add(index);
            }
        }
        return postings;
    }

    /// <summary>
    /// Ranks the phrases of <paramref name="total"/> documents given each phrase's documents (<see cref="CountAll"/>)
    /// and, when known, the documents' cards.
    /// </summary>
    public static IReadOnlyList<RankedPhrase> Rank(IReadOnlyDictionary<string, List<int>> postings, int total, PhraseFocus? focus, int top)
    {
        var minimum = total > 20 ? 2 : 1;
        var byCard = focus is { IsInformative: true };
        var candidates = postings
            .Where(posting => posting.Value.Count >= minimum)
            .Select(posting => (Phrase: posting.Key, Count: posting.Value.Count,
                Score: Weight(posting.Value.Count, total) * (byCard ? focus!.Of(posting.Value) : 1) * (1 + (WordBonus * WordsBeyondFirst(posting.Key)))))
            .Where(candidate => candidate.Score > 0)
            .ToList();

        var counts = candidates.ToDictionary(candidate => candidate.Phrase, candidate => candidate.Count, StringComparer.Ordinal);
        var subsumed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (phrase, count, _) in candidates.Where(candidate => candidate.Phrase.Contains(' ')))
        {
            foreach (var part in PartsOf(phrase))
            {
                if (counts.TryGetValue(part, out var partCount) && count >= SubsumedShare * partCount)
                {
                    subsumed.Add(part);
                }
            }
        }
        var sameAnswers = new HashSet<List<int>>(AnswerSetComparer.Instance);
        return candidates
            .Where(candidate => !subsumed.Contains(candidate.Phrase))
            .OrderByDescending(candidate => candidate.Score)
            .ThenBy(candidate => candidate.Phrase, StringComparer.Ordinal)
            .Where(candidate => sameAnswers.Add(postings[candidate.Phrase]))
            .Take(top)
            .Select(candidate => new RankedPhrase(candidate.Phrase, candidate.Count, Math.Round(candidate.Score, 4),
                postings[candidate.Phrase].Take(ExamplesPerPhrase).ToList()))
            .ToList();
    }

    /// <summary>The shorter n-grams inside a phrase ("a b c" → "a", "b", "c", "a b", "b c").</summary>
    private static IEnumerable<string> PartsOf(string phrase)
    {
        var words = phrase.Split(' ');
        for (var length = 1; length < words.Length; length++)
        {
            for (var start = 0; start + length <= words.Length; start++)
            {
                yield return string.Join(' ', words, start, length);
            }
        }
    }

    /// <summary>Answer lists (ascending indexes) compared by content.</summary>
    private sealed class AnswerSetComparer : IEqualityComparer<List<int>>
    {
        public static readonly AnswerSetComparer Instance = new();

        public bool Equals(List<int>? x, List<int>? y) => x is not null && y is not null && x.SequenceEqual(y);

        public int GetHashCode(List<int> answers)
        {
            var hash = new HashCode();
            foreach (var answer in answers)
            {
                hash.Add(answer);
            }
            return hash.ToHashCode();
        }
    }

    private static int WordsBeyondFirst(string phrase) => phrase.Count(character => character == ' ');

    /// <summary>Summed TF-IDF of a phrase in <paramref name="count"/> of <paramref name="total"/> answers (binary term frequency).</summary>
    public static double Weight(int count, int total) => count == 0 ? 0 : count * Math.Log((double)total / count);
}
