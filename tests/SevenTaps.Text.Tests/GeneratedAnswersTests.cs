using System.Text.Json.Nodes;
using SevenTaps.Generator;
using SevenTaps.Text;

namespace SevenTaps.Text.Tests;

/// <summary>The analysers on the generator's free-text answers, whose planted theme and tone are known (seed 11, 300 learners: 4,070 answers).</summary>
public sealed class GeneratedAnswersTests
{
    private static readonly IReadOnlyList<(string Text, FreeTextLabel Label)> Answers = new CourseGenerator(new GeneratorOptions { Seed = 11, Learners = 300 })
        .Statements()
        .Where(statement => statement.FreeText is not null)
        .Select(statement => (JsonNode.Parse(statement.Json)!["result"]!["response"]!.GetValue<string>(), statement.FreeText!))
        .ToList();

    [Fact]
    public void Sentiment_agrees_with_the_planted_tone_for_most_positive_and_negative_answers()
    {
        // Measured: 75 % of positive and 72 % of negative answers; neutral answers often carry a mild sentiment
        // word ("calm", "okay") and only 31 % score neutral, which is VADER's nature, not a planted error.
        Assert.True(Agreement(FreeTextBank.Positive) >= 0.70, $"positive {Agreement(FreeTextBank.Positive):P0}");
        Assert.True(Agreement(FreeTextBank.Negative) >= 0.65, $"negative {Agreement(FreeTextBank.Negative):P0}");
        Assert.True(Mean(FreeTextBank.Positive) > Mean(FreeTextBank.Neutral) && Mean(FreeTextBank.Neutral) > Mean(FreeTextBank.Negative));
    }

    [Fact]
    public void Most_planted_themes_are_among_the_top_keyphrases()
    {
        var top = KeyphraseRanker.Rank(Answers.Select(answer => answer.Text).ToList(), 30);

        // Measured: 7 of 9 (stress and connection are spread over many different words, none of them frequent).
        var found = FreeTextBank.ThemeKeywords.Where(theme => top.Any(phrase => theme.Value.Contains(phrase.Phrase))).Select(theme => theme.Key).ToList();
        Assert.True(found.Count >= 6, string.Join(", ", found));
    }

    private static double Agreement(string tone) =>
        Answers.Where(answer => answer.Label.Tone == tone && !answer.Label.Concerning)
            .Average(answer => SentimentAnalyzer.Polarity(SentimentAnalyzer.Compound(answer.Text)) == tone ? 1.0 : 0.0);

    private static double Mean(string tone) =>
        Answers.Where(answer => answer.Label.Tone == tone).Average(answer => SentimentAnalyzer.Compound(answer.Text));
}
