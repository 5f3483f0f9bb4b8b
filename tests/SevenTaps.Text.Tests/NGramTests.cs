using SevenTaps.Text;

namespace SevenTaps.Text.Tests;

public sealed class NGramTests
{
    [Fact]
    public void N_grams_of_one_to_three_content_words_never_span_stop_words_or_punctuation()
    {
        var grams = NGrams.Of("Honestly, my screen time report keeps going down. Phone notifications off!");

        Assert.Equal(
            new HashSet<string> { "screen", "time", "report", "keeps", "screen time", "time report", "report keeps",
                "screen time report", "time report keeps", "phone", "notifications", "phone notifications" },
            grams.ToHashSet());
    }

    [Fact]
    public void Stop_words_numbers_and_emoji_are_no_keyphrases()
    {
        Assert.Empty(NGrams.Of("I think it's the 3 of us 🙌 and so on"));
        Assert.Equal(["sleep"], NGrams.Of("sleep 😴 sleep"));
    }

    [Fact]
    public void The_ranker_prefers_shared_phrases_and_folds_a_word_into_the_phrase_that_carries_it()
    {
        string[] answers =
        [
            "My screen time is too high", "Screen time report every Sunday", "cutting screen time", "screen time again",
            "I walk every day", "walk to class", "coffee", "tea",
        ];

        var ranked = KeyphraseRanker.Rank(answers, top: 10);

        Assert.Equal("screen time", ranked[0].Phrase);
        Assert.Equal(4, ranked[0].Answers);
        Assert.Equal([0, 1, 2], ranked[0].Examples);
        Assert.Equal(Math.Round(KeyphraseRanker.Weight(4, 8), 4), ranked[0].Score);
        // "screen" and "time" only ever appear as "screen time": they are not listed on their own.
        Assert.DoesNotContain(ranked, phrase => phrase.Phrase is "screen" or "time");
        Assert.Contains(ranked, phrase => phrase.Phrase == "walk" && phrase.Answers == 2);
    }
}
