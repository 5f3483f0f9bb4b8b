using SevenTaps.Text;

namespace SevenTaps.Text.Tests;

public sealed class SentimentTests
{
    [Theory]
    [InlineData("I love this course, it is great and really helpful")]
    [InlineData("Feeling good about it!")]
    [InlineData("Small wins 😊")]
    public void Clearly_positive_text_scores_positive(string text) =>
        Assert.True(SentimentAnalyzer.Compound(text) >= 0.5, $"{text}: {SentimentAnalyzer.Compound(text)}");

    [Theory]
    [InlineData("I feel completely hopeless and sad")]
    [InlineData("This is terrible, I hate it")]
    [InlineData("Ugh 😩")]
    public void Clearly_negative_text_scores_negative(string text) =>
        Assert.True(SentimentAnalyzer.Compound(text) <= -0.3, $"{text}: {SentimentAnalyzer.Compound(text)}");

    [Theory]
    [InlineData("I walk to class")]
    [InlineData("")]
    [InlineData("🤷")]
    public void Text_without_sentiment_words_is_neutral(string text) =>
        Assert.Equal(0, SentimentAnalyzer.Compound(text));

    [Fact]
    public void Negation_flips_and_dampens()
    {
        var good = SentimentAnalyzer.Compound("The lesson was good");
        var notGood = SentimentAnalyzer.Compound("The lesson was not good");
        var didntLike = SentimentAnalyzer.Compound("I didn’t like it");

        Assert.True(good > 0);
        Assert.True(notGood < 0);
        Assert.True(Math.Abs(notGood) < good);
        Assert.True(didntLike < 0, $"{didntLike}");
    }

    [Fact]
    public void Boosters_capitals_and_exclamations_strengthen_and_dampeners_weaken()
    {
        var good = SentimentAnalyzer.Compound("The lesson was good");

        Assert.True(SentimentAnalyzer.Compound("The lesson was very good") > good);
        Assert.True(SentimentAnalyzer.Compound("The lesson was GOOD") > good);
        Assert.True(SentimentAnalyzer.Compound("The lesson was good!!!") > good);
        Assert.True(SentimentAnalyzer.Compound("The lesson was somewhat good") < good);
    }

    [Fact]
    public void After_but_counts_more_than_before()
    {
        Assert.True(SentimentAnalyzer.Compound("The lesson was good but the quiz was terrible") < 0);
        Assert.True(SentimentAnalyzer.Compound("The quiz was terrible but the lesson was good") > 0);
    }

    [Fact]
    public void Scores_match_the_published_method_on_worked_examples()
    {
        // sum = 1.9 ("good"); compound = 1.9 / sqrt(1.9² + 15)
        Assert.Equal(Math.Round(1.9 / Math.Sqrt((1.9 * 1.9) + 15), 4), SentimentAnalyzer.Compound("good"));
        // "not good": 1.9 × -0.74
        var negated = 1.9 * -0.74;
        Assert.Equal(Math.Round(negated / Math.Sqrt((negated * negated) + 15), 4), SentimentAnalyzer.Compound("not good"));
        // "very good": 1.9 + 0.293
        Assert.Equal(Math.Round(2.193 / Math.Sqrt((2.193 * 2.193) + 15), 4), SentimentAnalyzer.Compound("very good"));
    }

    [Fact]
    public void Polarity_uses_the_usual_thresholds()
    {
        Assert.Equal("positive", SentimentAnalyzer.Polarity(0.05));
        Assert.Equal("neutral", SentimentAnalyzer.Polarity(0.0499));
        Assert.Equal("negative", SentimentAnalyzer.Polarity(-0.05));
    }

    [Fact]
    public void The_embedded_lexicon_is_complete()
    {
        Assert.True(VaderLexicon.Valences.Count > 7_000, $"{VaderLexicon.Valences.Count} entries");
        Assert.Equal(1.9, VaderLexicon.Valences["good"]);
        Assert.Equal(-2.0, VaderLexicon.Valences["hopeless"]);
        Assert.Equal(2.0, VaderLexicon.Valences[":)"]);
    }
}
