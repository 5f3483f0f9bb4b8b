using Xunit.Abstractions;

namespace Agent.Tests.Chat;

/// <summary>
/// Execution accuracy of the offline engine on each generated course: an answerable question is correct when the
/// returned rows equal the truth, missed when Seven declines it, wrong when it answers with other rows (which must
/// never happen: every answer is labelled verified). Unanswerable questions must be declined. Two sets: the golden set
/// (phrased next to the parser) and the held-out set (phrased by someone who had not seen the parser or its tests).
/// </summary>
public abstract class GoldenSetTests(AgentFixture agent, ITestOutputHelper output)
{
    [Fact]
    public async Task The_offline_engine_answers_the_golden_set_correctly_or_declines()
    {
        var golden = GoldenSet.For(agent.Truth, agent.WatchList);
        var (answerable, answeredCorrectly, wrong) = await EvaluateAsync(golden);

        Assert.True(golden.Count >= 60, $"{golden.Count} golden questions");
        Assert.Equal(0, wrong);
        Assert.True(answeredCorrectly >= 0.95 * answerable, $"{answeredCorrectly} of {answerable} answerable questions correct");
    }

    /// <summary>Each held-out file: written blind (by a different person each), same format and categories.</summary>
    [Theory]
    [InlineData("HeldOutQuestions.txt")]
    [InlineData("HeldOutQuestions2.txt")]
    [InlineData("HeldOutQuestions3.txt")]
    public async Task The_offline_engine_answers_held_out_phrasings_correctly_or_declines(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Chat", file));
        var freeText = GoldenSet.FreeTextAnswers(agent.Truth);
        var matching = await agent.SearchMatchesAsync(freeText, GoldenSet.HeldOutWord);
        var heldOut = GoldenSet.HeldOut(agent.Truth, lines, matching);
        var (answerable, answeredCorrectly, wrong) = await EvaluateAsync(heldOut);

        Assert.Equal(lines.Count(line => line.Contains('|')), heldOut.Count);
        Assert.Equal(0, wrong);
        Assert.True(answeredCorrectly >= 0.90 * answerable, $"{answeredCorrectly} of {answerable} answerable held-out questions correct");
    }

    /// <summary>
    /// Asks every question in a conversation of its own, writes the accuracy per category and every failure, and
    /// returns the answerable questions, those answered correctly and the wrong answers (declines answered included).
    /// </summary>
    private async Task<(int Answerable, int Correct, int Wrong)> EvaluateAsync(IReadOnlyList<GoldenQuestion> questions)
    {
        using var client = agent.Client();
        var tally = new SortedDictionary<string, (int Correct, int Missed, int Wrong)>();
        var failures = new List<string>();
        foreach (var question in questions)
        {
            var conversation = Guid.NewGuid().ToString();
            JsonObject answer = null!;
            foreach (var turn in question.Turns)
            {
                answer = await client.AskAsync(turn, conversation);
            }
            var (correct, missed, wrong) = tally.GetValueOrDefault(question.Category);
            if (question.MustDecline)
            {
                if (answer.Answered())
                {
                    wrong++;
                    failures.Add($"{question}: answered, should have declined: {answer["answer"]}");
                }
                else
                {
                    correct++;
                }
            }
            else if (!answer.Answered())
            {
                missed++;
                failures.Add($"{question}: declined: {answer["answer"]}");
            }
            else if (Difference(question, answer) is { } difference)
            {
                wrong++;
                failures.Add($"{question}: WRONG ({answer["provenance"]}): {difference}");
            }
            else
            {
                correct++;
                Assert.Equal("verified", answer["provenance"]!.GetValue<string>());
            }
            tally[question.Category] = (correct, missed, wrong);
        }

        foreach (var (category, (correct, missed, wrong)) in tally)
        {
            var total = correct + missed + wrong;
            output.WriteLine($"{category,-18} {correct,3}/{total,-3} correct ({100.0 * correct / total:0.0} %), {missed} missed, {wrong} wrong");
        }
        var answerable = tally.Where(pair => pair.Key != "decline").Sum(pair => pair.Value.Correct + pair.Value.Missed + pair.Value.Wrong);
        var answeredCorrectly = tally.Where(pair => pair.Key != "decline").Sum(pair => pair.Value.Correct);
        output.WriteLine($"answerable: {answeredCorrectly}/{answerable} ({100.0 * answeredCorrectly / answerable:0.0} %); " +
                         $"declined as they must: {tally.GetValueOrDefault("decline").Correct}/{questions.Count(q => q.MustDecline)}");
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }
        return (answerable, answeredCorrectly, tally.Sum(pair => pair.Value.Wrong));
    }

    /// <summary>What differs from the truth; an answer without the column a check reads answers something else.</summary>
    private static string? Difference(GoldenQuestion question, JsonObject answer)
    {
        try
        {
            return question.Check!(answer);
        }
        catch (KeyNotFoundException missing)
        {
            return missing.Message;
        }
    }
}

[Collection(AgentCollection.Name)]
public sealed class SmallCourseGoldenSetTests(AgentFixture agent, ITestOutputHelper output) : GoldenSetTests(agent, output);

[Collection(LargerCourseCollection.Name)]
public sealed class LargerCourseGoldenSetTests(LargerCourseFixture agent, ITestOutputHelper output) : GoldenSetTests(agent, output);
