using SevenTaps.Text;

namespace SevenTaps.Text.Tests;

public sealed class TokenizerTests
{
    [Fact]
    public void Apostrophes_and_hyphens_stay_inside_words_and_curly_ones_become_straight()
    {
        var words = Tokenizer.Words("I don’t think self-talk isn't 'quoted' - really").ToList();

        Assert.Equal(["i", "don't", "think", "self-talk", "isn't", "quoted", "really"], words);
    }

    [Fact]
    public void Emoji_are_tokens_of_their_own_even_against_a_word_and_keep_their_modifiers()
    {
        var tokens = Tokenizer.Tokenize("Small wins🙌 👍🏽 ok 🤷‍♀️!!");

        Assert.Equal(
            [("Small", TokenKind.Word), ("wins", TokenKind.Word), ("🙌", TokenKind.Emoji), ("👍🏽", TokenKind.Emoji),
             ("ok", TokenKind.Word), ("🤷‍♀️", TokenKind.Emoji), ("!", TokenKind.Break), ("!", TokenKind.Break)],
            tokens.Select(token => (token.Text, token.Kind)));
    }

    [Fact]
    public void Punctuation_separates_and_whitespace_vanishes()
    {
        var tokens = Tokenizer.Tokenize("  sleep,phone.  3am ");

        Assert.Equal(["sleep", ",", "phone", ".", "3am"], tokens.Select(token => token.Text));
        Assert.Empty(Tokenizer.Tokenize("   "));
    }
}
