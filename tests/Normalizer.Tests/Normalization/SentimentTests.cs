using SevenTaps.Text;
using static Normalizer.Tests.Normalization.Fixtures;

namespace Normalizer.Tests.Normalization;

/// <summary>Free-text answers get their VADER sentiment once, when normalized; other answers get none.</summary>
public class SentimentTests
{
    [Theory]
    [InlineData("long-fill-in")]
    [InlineData("fill-in")]
    public void A_free_text_answer_carries_its_compound_sentiment(string interactionType)
    {
        const string answer = "I feel completely hopeless about my sleep";
        var result = Normalize(Statement(
            Activity(Card("form"), $$"""{"name":{"en-US":"How is it going?"},"interactionType":"{{interactionType}}"}"""),
            result: $$"""{"response":"{{answer}}"}"""));

        Assert.Equal(SentimentAnalyzer.Compound(answer), result.Response!.Sentiment);
        Assert.True(result.Response.Sentiment < -0.05);
    }

    [Fact]
    public void A_form_card_without_an_interaction_type_is_free_text_too()
    {
        var result = Normalize(Statement(Activity(Card("form"), """{"name":{"en-US":"Anything else?"}}"""), result: """{"response":"Loved it!"}"""));

        Assert.True(result.Response!.Sentiment > 0.05);
    }

    [Fact]
    public void A_choice_answer_has_no_sentiment()
    {
        var result = Normalize(Statement(
            Activity(Card("poll"), """{"interactionType":"choice","choices":[{"id":"a","description":{"en-US":"Great"}}]}"""),
            result: """{"response":"a"}"""));

        Assert.Null(result.Response!.Sentiment);
    }
}
