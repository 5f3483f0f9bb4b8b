namespace SevenTaps.Text;

/// <summary>The word lists and constants of the VADER method (Hutto &amp; Gilbert 2014), as the paper and its reference implementation define them.</summary>
internal static class VaderRules
{
    /// <summary>Added to (or taken from) a word's valence by a booster before it ("very good").</summary>
    public const double BoosterIncrement = 0.293;

    /// <summary>Added to a word written in capitals when the rest of the text is not ("GREAT").</summary>
    public const double CapitalsIncrement = 0.733;

    /// <summary>A negated word's valence is multiplied by this ("not good").</summary>
    public const double NegationScalar = -0.74;

    /// <summary>Each "!" adds this much emphasis, at most <see cref="MaxExclamations"/> counted.</summary>
    public const double ExclamationIncrement = 0.292;

    public const int MaxExclamations = 4;

    /// <summary>The compound score is <c>sum / √(sum² + α)</c>.</summary>
    public const double NormalizationAlpha = 15;

    /// <summary>Before "but" a word counts half, after it one and a half times.</summary>
    public const double BeforeBut = 0.5;

    public const double AfterBut = 1.5;

    public static readonly IReadOnlySet<string> Negations = new HashSet<string>(StringComparer.Ordinal)
    {
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't",
        "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt",
        "neither", "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't", "never",
        "none", "nope", "nor", "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
        "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't", "without", "wont", "wouldnt", "won't",
        "wouldn't", "rarely", "seldom", "despite",
    };

    private static readonly string[] Increments =
    [
        "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly", "deeply",
        "effing", "enormous", "enormously", "entirely", "especially", "exceptional", "exceptionally", "extreme",
        "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking", "fricking", "frickin", "frigging",
        "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely",
        "incredible", "incredibly", "intensely", "major", "majorly", "more", "most", "particularly", "purely", "quite",
        "really", "remarkably", "so", "substantially", "thoroughly", "total", "totally", "tremendous", "tremendously",
        "uber", "unbelievably", "unusually", "utter", "utterly", "very",
    ];

    private static readonly string[] Decrements =
    [
        "almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of", "less", "little",
        "marginal", "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely", "slight", "slightly",
        "somewhat", "sort of", "sorta", "sortof", "sort-of",
    ];

    /// <summary>
    /// Booster word → how much it adds to the valence of the word it modifies. Two-word boosters ("kind of") are
    /// keyed with one space between their words.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, double> Boosters =
        Increments.Select(word => KeyValuePair.Create(word, BoosterIncrement))
            .Concat(Decrements.Select(word => KeyValuePair.Create(word, -BoosterIncrement)))
            .ToDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Idioms (lower-case words separated by one space) → the valence of the whole idiom, which replaces the
    /// valences of its words. The reference implementation's special cases (idioms containing lexicon words: "the
    /// bomb" is praise, not a bomb) and its sentiment-laden idioms (listed there as future work: "cut the mustard"
    /// has no lexicon word at all). Its "to die for" is left out: in learners' answers "want to die for ..." is far
    /// likelier than praise, and the reference never matches it either (its look-up window misses that shape).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, double> Idioms = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["the shit"] = 3, ["the bomb"] = 3, ["bad ass"] = 1.5, ["badass"] = 1.5, ["bus stop"] = 0, ["yeah right"] = -2,
        ["kiss of death"] = -1.5, ["beating heart"] = 3.1, ["broken heart"] = -2.9,
        ["cut the mustard"] = 2, ["hand to mouth"] = -2, ["back handed"] = -2, ["blow smoke"] = -2, ["blowing smoke"] = -2,
        ["upper hand"] = 1, ["break a leg"] = 2, ["cooking with gas"] = 2, ["in the black"] = 2, ["in the red"] = -2,
        ["on the ball"] = 2, ["under the weather"] = -2,
    };

    /// <summary>The most words any idiom has.</summary>
    public static readonly int LongestIdiom = Idioms.Keys.Max(idiom => idiom.Count(character => character == ' ') + 1);
}
