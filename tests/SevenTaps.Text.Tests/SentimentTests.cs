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
        Assert.Equal(CompoundOf(1.9), SentimentAnalyzer.Compound("good"));
        // "not good": 1.9 × -0.74
        Assert.Equal(CompoundOf(1.9 * -0.74), SentimentAnalyzer.Compound("not good"));
        // "very good": 1.9 + 0.293
        Assert.Equal(CompoundOf(1.9 + 0.293), SentimentAnalyzer.Compound("very good"));
        // "but": "good" (1.9) before it counts half, "terrible" (-2.1) after it 1.5 times: 0.95 - 3.15 = -2.2.
        Assert.Equal(CompoundOf((1.9 * 0.5) + (-2.1 * 1.5)), SentimentAnalyzer.Compound("The lesson was good but the quiz was terrible"));
    }

    [Fact]
    public void Never_so_and_never_this_intensify_instead_of_negating()
    {
        // "good" 1.9; "so" one word before is a booster: 1.9 + 0.293 = 2.193; "never" two words before with "so"
        // between: × 1.25 (not × -0.74) = 2.74125.
        Assert.Equal(CompoundOf((1.9 + 0.293) * 1.25), SentimentAnalyzer.Compound("never so good"));
        // "this" is no booster: 1.9 × 1.25.
        Assert.Equal(CompoundOf(1.9 * 1.25), SentimentAnalyzer.Compound("It has never been this good"));
        // Plain "never" two words before negates: 1.9 × -0.74.
        Assert.Equal(CompoundOf(1.9 * -0.74), SentimentAnalyzer.Compound("It never was good"));
        // "so" just before a word is only a booster, even with three words before it (the reference's operator
        // precedence slip multiplies that by 1.25 too, "never" or not): 1.9 + 0.293.
        Assert.Equal(CompoundOf(1.9 + 0.293), SentimentAnalyzer.Compound("The lesson was so good"));
        // "without doubt" does not negate: "excellent" 2.7 stays; "doubt" (-1.5) two words after "without" is negated.
        Assert.Equal(CompoundOf((-1.5 * -0.74) + 2.7), SentimentAnalyzer.Compound("Without a doubt, excellent idea."));
    }

    [Fact]
    public void Boosters_further_away_count_less_and_dampen_negative_words_too()
    {
        // "very" two words before "good": 1.9 + 0.293 × 0.95; three words before: 1.9 + 0.293 × 0.9.
        Assert.Equal(CompoundOf(1.9 + (0.293 * 0.95)), SentimentAnalyzer.Compound("very much good"));
        Assert.Equal(CompoundOf(1.9 + (0.293 * 0.9)), SentimentAnalyzer.Compound("very much the good"));
        // A dampener takes a negative word towards zero: -2.5 + 0.293.
        Assert.Equal(CompoundOf(-2.5 + 0.293), SentimentAnalyzer.Compound("somewhat bad"));
    }

    [Fact]
    public void Kind_of_and_sort_of_dampen_and_kind_is_not_kindness_there()
    {
        // "kind" (2.4) followed by "of" counts nothing; the two-word dampener takes 0.293 from "good": 1.607.
        // (Before this rule the text scored 1.9: "kind of" was in the booster list but only ever looked up word by word.)
        Assert.Equal(CompoundOf(1.9 - 0.293), SentimentAnalyzer.Compound("kind of good"));
        // Towards zero for a negative word: -2.5 + 0.293 (the reference would add -0.293, making it stronger).
        Assert.Equal(CompoundOf(-2.5 + 0.293), SentimentAnalyzer.Compound("kind of bad"));
        // One word further away ("sort of" then "really" then the word): 2.3 ("fun") + 0.293 - 0.293.
        Assert.Equal(CompoundOf(2.3 + 0.293 - 0.293), SentimentAnalyzer.Compound("It was sort of really fun"));
        Assert.Equal(CompoundOf(2.4), SentimentAnalyzer.Compound("kind"));
    }

    [Fact]
    public void No_negates_the_next_words_and_least_negates_unless_at_least()
    {
        // "no" before a sentiment word counts nothing itself; "good" one word after it: 1.9 × -0.74.
        Assert.Equal(CompoundOf(1.9 * -0.74), SentimentAnalyzer.Compound("no good option"));
        // Alone it is a (negative) word: -1.2. ("No." stays "No.": punctuation is stripped only from longer tokens,
        // so that ":)" stays an emoticon.)
        Assert.Equal(CompoundOf(-1.2), SentimentAnalyzer.Compound("No"));
        Assert.Equal(0, SentimentAnalyzer.Compound("No."));
        // "no X or Y": both negated: -1.7 × -0.74 + -1.8 × -0.74.
        Assert.Equal(CompoundOf((-1.7 - 1.8) * -0.74), SentimentAnalyzer.Compound("no problems or worries"));
        // "least" negates ("the least helpful": 1.8 × -0.74) except after "at" or "very".
        Assert.Equal(CompoundOf(1.8 * -0.74), SentimentAnalyzer.Compound("the least helpful"));
        Assert.Equal(CompoundOf(1.8), SentimentAnalyzer.Compound("at least helpful"));
    }

    [Fact]
    public void Capitals_exclamations_and_question_marks_add_fixed_amounts()
    {
        // A word in capitals among others that are not: 1.9 + 0.733; a booster in capitals: 1.9 + 0.293 + 0.733.
        Assert.Equal(CompoundOf(1.9 + 0.733), SentimentAnalyzer.Compound("The lesson was GOOD"));
        Assert.Equal(CompoundOf(1.9 + 0.293 + 0.733), SentimentAnalyzer.Compound("The lesson was VERY good"));
        // Everything in capitals is no emphasis.
        Assert.Equal(CompoundOf(1.9), SentimentAnalyzer.Compound("GOOD"));
        // Words without case ("日本") are not in capitals, as in the reference (Python's isupper), so "GOOD" stands out:
        // 1.9 + 0.733. (Counting them as capitals, as this analyser did, left 1.9.)
        Assert.Equal(CompoundOf(1.9 + 0.733), SentimentAnalyzer.Compound("GOOD 日本"));
        // "!" adds 0.292 each, at most 4; "?" only from two on: 0.18 each up to 3, then 0.96.
        Assert.Equal(CompoundOf(1.9 + (4 * 0.292)), SentimentAnalyzer.Compound("good!!!!!!"));
        Assert.Equal(CompoundOf(1.9), SentimentAnalyzer.Compound("good?"));
        Assert.Equal(CompoundOf(1.9 + (2 * 0.18)), SentimentAnalyzer.Compound("good??"));
        Assert.Equal(CompoundOf(1.9 + 0.96), SentimentAnalyzer.Compound("good????"));
        Assert.Equal(CompoundOf(-2.5 - 0.292), SentimentAnalyzer.Compound("bad!"));
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

    /// <summary>VADER's normalisation of a valence sum, rounded as <see cref="SentimentAnalyzer.Compound"/> rounds.</summary>
    internal static double CompoundOf(double sum) => Math.Round(sum / Math.Sqrt((sum * sum) + 15), 4);
}
