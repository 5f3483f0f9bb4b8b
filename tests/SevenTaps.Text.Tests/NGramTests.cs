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

        var ranked = KeyphraseRanker.Rank(answers, cards: null, top: 10);

        Assert.Equal("screen time", ranked[0].Phrase);
        Assert.Equal(4, ranked[0].Answers);
        Assert.Equal([0, 1, 2], ranked[0].Examples);
        // Two words: the weight and a quarter of it again.
        Assert.Equal(Math.Round(KeyphraseRanker.Weight(4, 8) * 1.25, 4), ranked[0].Score);
        // "screen" and "time" only ever appear as "screen time": they are not listed on their own.
        Assert.DoesNotContain(ranked, phrase => phrase.Phrase is "screen" or "time");
        Assert.Contains(ranked, phrase => phrase.Phrase == "walk" && phrase.Answers == 2);
    }

    [Fact]
    public void A_phrase_spread_over_every_card_like_all_answers_sinks_below_one_that_gathers_on_some_cards()
    {
        // 40 answers on four cards; "figuring" in every third answer, so on every card alike; "bedtime slipped"
        // in six answers, five of them on the first card.
        var answers = new List<string>();
        var cards = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var card = $"card-{i % 4}";
            var text = i % 3 == 0 ? "still figuring it out" : "okay";
            if ((card == "card-0" && i % 8 == 0) || i == 5)
            {
                text += ", my bedtime slipped";
            }
            answers.Add(text);
            cards.Add(card);
        }

        var ranked = KeyphraseRanker.Rank(answers, cards, top: 10);
        var byTfIdf = KeyphraseRanker.Rank(answers, cards: null, top: 10).Select(phrase => phrase.Phrase).ToList();

        Assert.Equal(["figuring", "bedtime slipped"], byTfIdf.Take(2));
        Assert.Equal(["bedtime slipped", "figuring"], ranked.Select(phrase => phrase.Phrase));
        Assert.True(ranked[1].Score < ranked[0].Score / 10, $"{ranked[1].Score} vs {ranked[0].Score}");
        Assert.Equal(0, new PhraseFocus(cards).Of(Enumerable.Range(0, 40).ToList()), precision: 10);
    }
}
