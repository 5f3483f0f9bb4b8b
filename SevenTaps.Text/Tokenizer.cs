using System.Globalization;
using System.Text;

namespace SevenTaps.Text;

/// <summary>
/// Splits an answer into words, emoji and breaks. Apostrophes (straight or curly) and hyphens stay inside a word
/// when letters or digits stand on both sides ("don't", "can’t" → "can't", "self-talk"); an emoji is one token
/// even when written against a word ("week🙌"); every other symbol is a break between phrases.
/// </summary>
public static class Tokenizer
{
    public static IReadOnlyList<Token> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>();
        var word = new StringBuilder();
        var emoji = new StringBuilder();
        var runes = text.EnumerateRunes().ToArray();

        void FlushWord()
        {
            if (word.Length > 0)
            {
                tokens.Add(new Token(word.ToString(), TokenKind.Word));
                word.Clear();
            }
        }

        void FlushEmoji()
        {
            if (emoji.Length > 0)
            {
                tokens.Add(new Token(emoji.ToString(), TokenKind.Emoji));
                emoji.Clear();
            }
        }

        for (var i = 0; i < runes.Length; i++)
        {
            var rune = runes[i];
            if (Emoji.IsPictograph(rune) || (emoji.Length > 0 && Emoji.IsModifier(rune)))
            {
                FlushWord();
                // A joiner continues the same emoji ("🤷‍♀️"); a new pictograph after anything else starts a new one.
                if (emoji.Length > 0 && Emoji.IsPictograph(rune) && !emoji.ToString().EndsWith('\u200D'))
                {
                    FlushEmoji();
                }
                emoji.Append(rune.ToString());
                continue;
            }
            FlushEmoji();
            if (IsWordRune(rune))
            {
                word.Append(rune.ToString());
            }
            else if (IsInnerJoiner(rune) && word.Length > 0 && i + 1 < runes.Length && IsWordRune(runes[i + 1]))
            {
                word.Append(rune.Value is '\u2019' or '\u2018' ? '\'' : (char)rune.Value);
            }
            else
            {
                FlushWord();
                if (!Rune.IsWhiteSpace(rune) && !Emoji.IsModifier(rune))
                {
                    tokens.Add(new Token(rune.ToString(), TokenKind.Break));
                }
            }
        }
        FlushWord();
        FlushEmoji();
        return tokens;
    }

    /// <summary>The words of a text, lower-cased (invariant culture), in order.</summary>
    public static IEnumerable<string> Words(string text) =>
        Tokenize(text).Where(token => token.Kind == TokenKind.Word).Select(token => token.Text.ToLowerInvariant());

    private static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or
        UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber or
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static bool IsInnerJoiner(Rune rune) => rune.Value is '\'' or '\u2019' or '\u2018' or '-';
}
