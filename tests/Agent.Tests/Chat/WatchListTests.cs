namespace Agent.Tests.Chat;

/// <summary>
/// A watch list configured for the system (<c>SEVENTAPS_WATCH_LIST</c>: the default and "exhausted", on the larger
/// course) is the one Seven flags answers with, and the one analytics flags them with: the same answers, and among them
/// answers flagged only for the added word.
/// </summary>
[Collection(LargerCourseCollection.Name)]
public sealed class WatchListTests(LargerCourseFixture agent)
{
    [Fact]
    public async Task Seven_flags_answers_with_the_configured_watch_list_as_analytics_does()
    {
        using var seven = agent.Client();
        var answer = await seven.AskAsync("show me the top 1000 flagged answers");
        var dashboard = await agent.AnalyticsAsync("/api/analytics/responses/flagged?pageSize=1000");

        Assert.True(answer.Answered(), answer["answer"]?.ToString());
        var ids = dashboard["items"]!.AsArray().Select(item => item!["statementId"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(dashboard["total"]!.GetValue<long>(), ids.Count);
        Assert.Equal(ids, answer.Texts("statement_id").Select(id => id!).Order().ToList());
        Assert.All(answer.Numbers("flagged_answers"), n => Assert.Equal(ids.Count, n));
        // Flagged for the added word alone: the default list would not have flagged these.
        Assert.Contains(answer.Texts("matched_terms"), terms => terms == "exhausted");
        Assert.Contains(answer["assumptions"]!.AsArray(), a => a!.GetValue<string>().Contains("Analytics:WatchList"));
    }
}
