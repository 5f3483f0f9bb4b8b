using Xunit.Abstractions;

namespace Agent.Tests.Chat;

/// <summary>
/// Execution accuracy of the offline engine on the golden set of each generated course: an answerable question is
/// correct when the returned rows equal the truth, missed when Seven declines it, wrong when it answers with other
/// rows (which must never happen: every answer is labelled verified). Unanswerable questions must be declined.
/// </summary>
public abstract class GoldenSetTests(AgentFixture agent, ITestOutputHelper output)
{
    [Fact]
    public async Task The_offline_engine_answers_the_golden_set_correctly_or_declines()
    {
        using var client = agent.Client();
        var golden = GoldenSet.For(agent.Truth);
        var tally = new SortedDictionary<string, (int Correct, int Missed, int Wrong)>();
        var failures = new List<string>();
        foreach (var question in golden)
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
            else if (question.Check!(answer) is { } difference)
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
            output.WriteLine($"{category,-10} {correct,3}/{total,-3} correct ({100.0 * correct / total:0.0} %), {missed} missed, {wrong} wrong");
        }
        var answerable = tally.Where(pair => pair.Key != "decline").Sum(pair => pair.Value.Correct + pair.Value.Missed + pair.Value.Wrong);
        var answeredCorrectly = tally.Where(pair => pair.Key != "decline").Sum(pair => pair.Value.Correct);
        output.WriteLine($"answerable: {answeredCorrectly}/{answerable} ({100.0 * answeredCorrectly / answerable:0.0} %); " +
                         $"declined as they must: {tally.GetValueOrDefault("decline").Correct}/{golden.Count(q => q.MustDecline)}");
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }

        Assert.True(golden.Count >= 60, $"{golden.Count} golden questions");
        Assert.Equal(0, tally.Sum(pair => pair.Value.Wrong));
        Assert.True(answeredCorrectly >= 0.95 * answerable, $"{answeredCorrectly} of {answerable} answerable questions correct");
    }
}

[Collection(AgentCollection.Name)]
public sealed class SmallCourseGoldenSetTests(AgentFixture agent, ITestOutputHelper output) : GoldenSetTests(agent, output);

[Collection(LargerCourseCollection.Name)]
public sealed class LargerCourseGoldenSetTests(LargerCourseFixture agent, ITestOutputHelper output) : GoldenSetTests(agent, output);
