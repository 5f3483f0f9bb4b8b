using SevenTaps.Contracts;
using Analytics.Api.Apis;

namespace Analytics.Tests;

/// <summary>The calls a new analytics-api makes before it reports healthy, on the real service.</summary>
[Collection(AnalyticsCollection.Name)]
public sealed class WarmUpTests(AnalyticsFixture analytics)
{
    [Fact]
    public async Task Every_warm_up_call_answered_before_the_service_reported_healthy()
    {
        var warmUp = await analytics.App.WarmUpReportAsync(ResourceNames.AnalyticsApi);

        Assert.Equal("Healthy", (string?)warmUp["status"]);
        // The data names each call that failed, with its reason: a renamed endpoint or a broken query shows up here.
        Assert.Null(warmUp["data"]);
        Assert.Matches($@"^Warmed up in [\d,]+ ms, 0 of {AnalyticsWarmUp.Calls.Count + 1} calls failed\.$", (string?)warmUp["description"]);
    }
}
