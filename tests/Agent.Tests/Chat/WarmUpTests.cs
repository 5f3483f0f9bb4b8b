using SevenTaps.Contracts;

namespace Agent.Tests.Chat;

/// <summary>
/// A restarted agent readies itself with a chat turn of its own before it reports healthy (<c>ChatWarmUp</c>); that turn
/// is rolled back, so the audit trail holds only questions people asked.
/// </summary>
[Collection(AgentCollection.Name)]
public sealed class WarmUpTests(AgentFixture agent)
{
    private const string CountExchanges = "SELECT count(*) FROM agent.exchanges";

    [Fact]
    public async Task A_restarted_agent_warms_up_without_leaving_an_audit_record_and_answers_the_next_question()
    {
        var before = await agent.ScalarAsync(CountExchanges);

        await agent.App.StopResourceAsync(ResourceNames.AgentApi);
        // Started again only once DCP has let the old process go (a start while it still deletes it fails).
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await agent.App.ProcessIdAsync(ResourceNames.AgentApi) is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        // Healthy only once the warm-up has taken its turn.
        await agent.App.StartResourceAsync(ResourceNames.AgentApi);

        Assert.Equal(before, await agent.ScalarAsync(CountExchanges));
        using var client = agent.Client();
        var answer = await client.AskAsync("How many learners are there?");
        Assert.True(answer.Answered());
        Assert.Equal((long)before! + 1, await agent.ScalarAsync(CountExchanges));
    }
}
