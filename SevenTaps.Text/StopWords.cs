namespace SevenTaps.Text;

/// <summary>Words that carry no theme.</summary>
public static class StopWords
{
    /// <summary>
    /// English function words: the Snowball English list (which PostgreSQL's <c>english</c> configuration also
    /// uses) plus contractions and a few more.
    /// </summary>
    public static IReadOnlySet<string> English { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves",
        "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their",
        "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these", "those", "am", "is", "are",
        "was", "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an",
        "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with", "about",
        "against", "between", "into", "through", "during", "before", "after", "above", "below", "to", "from", "up",
        "down", "in", "out", "on", "off", "over", "under", "again", "further", "then", "once", "here", "there", "when",
        "where", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor",
        "not", "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don", "should", "now",
        "i'm", "i've", "i'd", "i'll", "you're", "you've", "you'd", "you'll", "he's", "she's", "it's", "we're", "we've",
        "they're", "they've", "that's", "there's", "what's", "let's", "isn't", "aren't", "wasn't", "weren't", "hasn't",
        "haven't", "hadn't", "doesn't", "don't", "didn't", "won't", "wouldn't", "shan't", "shouldn't", "can't", "cannot",
        "couldn't", "mustn't", "would", "could", "might", "must", "shall", "also", "yet", "ever", "every", "since",
        "us", "im", "ive", "dont", "cant", "didnt", "doesnt", "isnt", "wont",
    };

    /// <summary>
    /// Words of casual answers that say nothing about their subject ("honestly", "tbh", "lately", "really", "feel",
    /// "way"): left out of keyphrases, not out of sentiment.
    /// </summary>
    public static IReadOnlySet<string> Conversational { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "honestly", "tbh", "lately", "okay", "ok", "hmm", "um", "uh", "yeah", "yes", "lol", "gonna", "wanna", "gotta",
        "really", "actually", "literally", "basically", "like", "lot", "lots", "bit", "thing", "things", "stuff", "way",
        "much", "many", "even", "still", "get", "gets", "got", "getting", "make", "makes", "made", "making", "feel",
        "feels", "felt", "feeling", "think", "thought", "know", "sure", "try", "trying", "tried", "want", "need", "one",
        "go", "going", "kind", "sort", "real", "talk", "lie", "said", "say", "though", "anything", "everything",
        "something", "nothing", "day", "days", "week", "weeks", "today", "now", "well", "good", "bad",
        "great", "better", "best", "worse", "new", "old", "big", "small", "little", "long", "first", "last", "able",
        "most", "almost", "always", "never", "sometimes", "usually", "often", "already", "right", "pretty", "quite",
        "maybe", "probably", "definitely", "totally", "especially", "mostly", "via", "etc",
    };

    /// <summary>True when the word (lower case) is an English function word or a conversational filler.</summary>
    public static bool IsStopWord(string word) => English.Contains(word) || Conversational.Contains(word);
}
