namespace SevenTaps.Text;

/// <summary>A keyphrase of a set of answers.</summary>
/// <param name="Phrase">Lower-case words joined by one space.</param>
/// <param name="Answers">Answers that contain it (document frequency).</param>
/// <param name="Score">Its TF-IDF weight summed over the answers: <c>df × ln(N / df)</c>.</param>
/// <param name="Examples">Indexes of up to <see cref="KeyphraseRanker.ExamplesPerPhrase"/> answers that contain it, first ones first.</param>
public sealed record RankedPhrase(string Phrase, int Answers, double Score, IReadOnlyList<int> Examples);

/// <summary>
/// Top keyphrases of a set of answers by TF-IDF over their n-grams (<see cref="NGrams"/>): each answer is a
/// document, a phrase counts once per answer, and its weight summed over the answers is <c>df × ln(N / df)</c>,
/// which favours phrases many answers share but not all. Phrases of one answer only are noise and left out (when
/// there are more than a few answers), and a phrase is dropped in favour of a longer one that contains it and
/// appears in at least <see cref="SubsumedShare"/> of its answers ("screen" goes when "screen time" carries it).
/// </summary>
public static class KeyphraseRanker
{
    public const int ExamplesPerPhrase = 3;

    /// <summary>A phrase whose answers mostly contain one longer phrase says the same as that phrase.</summary>
    public const double SubsumedShare = 0.75;

    public static IReadOnlyList<RankedPhrase> Rank(IReadOnlyList<string> answers, int top)
    {
        var documents = answers.Select(answer => NGrams.Of(answer)).ToList();
        return Rank(CountAll(documents), documents.Count, top);
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

    /// <summary>Ranks the phrases of <paramref name="total"/> documents given each phrase's documents (<see cref="CountAll"/>).</summary>
    public static IReadOnlyList<RankedPhrase> Rank(IReadOnlyDictionary<string, List<int>> postings, int total, int top)
    {
        var minimum = total > 20 ? 2 : 1;
        var candidates = postings
            .Where(posting => posting.Value.Count >= minimum)
            .Select(posting => (Phrase: posting.Key, Count: posting.Value.Count, Score: Weight(posting.Value.Count, total)))
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
        return candidates
            .Where(candidate => !subsumed.Contains(candidate.Phrase))
            .OrderByDescending(candidate => candidate.Score)
            .ThenBy(candidate => candidate.Phrase, StringComparer.Ordinal)
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

    /// <summary>Summed TF-IDF of a phrase in <paramref name="count"/> of <paramref name="total"/> answers (binary term frequency).</summary>
    public static double Weight(int count, int total) => count == 0 ? 0 : count * Math.Log((double)total / count);
}
