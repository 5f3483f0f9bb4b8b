namespace SevenTaps.Text;

public enum TokenKind
{
    /// <summary>Letters and digits, with inner apostrophes and hyphens ("don't", "single-task").</summary>
    Word,

    /// <summary>One pictograph with its modifiers and joiners ("👍🏽", "🤷‍♀️").</summary>
    Emoji,

    /// <summary>Punctuation or a symbol: it separates phrases.</summary>
    Break,
}

/// <summary>A token as written (case kept; curly apostrophes made straight).</summary>
public readonly record struct Token(string Text, TokenKind Kind);
