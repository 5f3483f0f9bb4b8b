using SevenTaps.Text;
using static SevenTaps.Text.Tests.SentimentTests;

namespace SevenTaps.Text.Tests;

/// <summary>Idioms are one unit: their valence replaces their words', and the rules before them apply as to a word.</summary>
public sealed class IdiomTests
{
    [Theory]
    // "bomb" alone is -2.2; "the bomb" is praise: 3.
    [InlineData("This course is the bomb", 3, -2.2)]
    // Counted once, not per lexicon word (the reference gives each of "kiss" and "death" -1.5: -3); the words alone: 1.8 - 2.9.
    [InlineData("kiss of death", -1.5, 1.8 - 2.9)]
    // Sarcasm: "yeah" alone is 1.2.
    [InlineData("yeah right", -2, 1.2)]
    // "hand" alone is 2.2.
    [InlineData("We live hand to mouth", -2, 2.2)]
    // No lexicon word at all (the reference lists these as future work): 0 without the idiom.
    [InlineData("That was back handed", -2, 0)]
    [InlineData("I'm a bit under the weather today", -2, 0)]
    [InlineData("You are on the ball", 2, 0)]
    // "stop" alone is -1.2; "bus stop" is nothing.
    [InlineData("I waited at the bus stop", 0, -1.2)]
    // 💔 reads "broken heart": -2.9 rather than "broken" -2.1.
    [InlineData("💔", -2.9, -2.1)]
    // One word: the reference lists "badass" (1.5) but matches only pairs of words, leaving the lexicon's -0.6.
    [InlineData("such a badass", 1.5, -0.6)]
    public void An_idiom_replaces_the_valence_of_its_words(string text, double idiom, double wordsAlone)
    {
        Assert.Equal(CompoundOf(idiom), SentimentAnalyzer.Compound(text));
        Assert.NotEqual(CompoundOf(wordsAlone), SentimentAnalyzer.Compound(text));
    }

    [Fact]
    public void Rules_before_an_idiom_apply_to_it_as_to_a_word()
    {
        // Negation one word before "cut the mustard" (2; "cut" alone is -1.1): 2 × -0.74 = -1.48.
        Assert.Equal(CompoundOf(2 * -0.74), SentimentAnalyzer.Compound("The new routine doesn't cut the mustard"));
        // A booster one word before "the bomb": 3 + 0.293.
        Assert.Equal(CompoundOf(3 + 0.293), SentimentAnalyzer.Compound("This course is really the bomb"));
        // In capitals while the rest is not: 3 + 0.733.
        Assert.Equal(CompoundOf(3 + 0.733), SentimentAnalyzer.Compound("This course is THE BOMB"));
        // "!" as usual: 2 + 0.292.
        Assert.Equal(CompoundOf(2 + 0.292), SentimentAnalyzer.Compound("break a leg!"));
        // After "but", 1.5 times: "good" 1.9 × 0.5 + "in the red" -2 × 1.5.
        Assert.Equal(CompoundOf((1.9 * 0.5) + (-2 * 1.5)), SentimentAnalyzer.Compound("Sales were good but we are in the red"));
    }

    [Fact]
    public void Short_answers_get_idioms_too()
    {
        // The reference checks idioms only for a word with three words before it: "the bomb" alone stays -2.2 there.
        Assert.Equal(CompoundOf(3), SentimentAnalyzer.Compound("the bomb"));
        Assert.Equal(CompoundOf(3), SentimentAnalyzer.Compound("It's the bomb"));
    }
}
