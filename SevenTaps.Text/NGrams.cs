namespace SevenTaps.Text;

/// <summary>Candidate keyphrases of a text: n-grams of content words that never span a stop word, emoji or punctuation.</summary>
public static class NGrams
{
    public const int MaxLength = 3;

    /// <summary>
    /// The distinct n-grams (1 to <paramref name="maxLength"/> words, lower case, joined by one space) of the runs of
    /// content words: a run ends at a stop word, an emoji or punctuation, so "my phone, and the notifications"
    /// gives "phone" and "notifications" but never "phone notifications". Numbers and one-letter words are no content.
    /// </summary>
    public static IReadOnlySet<string> Of(string text, int maxLength = MaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var grams = new HashSet<string>(StringComparer.Ordinal);
        var run = new List<string>();
        foreach (var token in Tokenizer.Tokenize(text))
        {
            var word = token.Kind == TokenKind.Word ? token.Text.ToLowerInvariant() : null;
            if (word is not null && IsContent(word))
            {
                run.Add(word);
                for (var length = 1; length <= Math.Min(maxLength, run.Count); length++)
                {
                    grams.Add(string.Join(' ', run.Skip(run.Count - length)));
                }
            }
            else
            {
                run.Clear();
            }
        }
        return grams;
    }

    private static bool IsContent(string word) =>
        word.Length > 1 && !StopWords.IsStopWord(word) && !word.All(character => char.IsDigit(character) || character is '\'' or '-');
}
