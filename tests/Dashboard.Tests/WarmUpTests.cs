using SevenTaps.Contracts;

namespace Dashboard.Tests;

/// <summary>What a new dashboard-web does before it reports healthy, on the real service.</summary>
[Collection(DashboardCollection.Name)]
public sealed class WarmUpTests(DashboardFixture dashboard)
{
    [Fact]
    public async Task Every_warm_up_step_succeeded_before_the_service_reported_healthy()
    {
        var warmUp = await dashboard.App.WarmUpReportAsync(ResourceNames.DashboardWeb);

        Assert.Equal("Healthy", (string?)warmUp["status"]);
        // The data names each step that failed, with its reason: an analytics call refused, a changed Identity schema,
        // a page that throws while it renders.
        Assert.Null(warmUp["data"]);
        // The analytics call, the signed-in request and the pages rendered.
        Assert.Matches(@"^Warmed up in [\d,]+ ms, 0 of 3 calls failed\.$", (string?)warmUp["description"]);
    }
}
