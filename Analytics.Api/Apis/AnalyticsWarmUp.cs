using SevenTaps.ApiKeys;
using SevenTaps.Hosting;

namespace Analytics.Api.Apis;

/// <summary>
/// What a new analytics-api calls once before it reports healthy (<see cref="StartupWarmUp"/>): the dashboard's
/// tiles and the explorer's first page, as the dashboard asks for them, over a day long before any course (the
/// code paths and connections are what is warmed, not answers), the filter bar's lesson outline (it takes no filter:
/// its answer is the real one, cached for the data version), and the API key look-up's query.
/// </summary>
public static class AnalyticsWarmUp
{
    public static readonly IReadOnlyList<WarmUpCall> Calls =
    [
        new("GetOverview", WarmUpCall.NoDay),
        new("GetLessons", $"pageSize=1000&{WarmUpCall.NoDay}"),
        new("GetLessonOutline", ""),
        new("GetDropoff", WarmUpCall.NoDay),
        new("GetEngagement", $"interval=week&byCohort=true&{WarmUpCall.NoDay}"),
        new("GetLearners", $"sort=-atRisk&pageSize=50&page=1&{WarmUpCall.NoDay}"),
        new("GetLearner", "", new Dictionary<string, string> { ["userId"] = "warm-up" }),
        new("GetQuestions", $"pageSize=1000&sort=questionId&{WarmUpCall.NoDay}"),
        new("GetThemes", $"pageSize=15&{WarmUpCall.NoDay}"),
        new("GetSentiment", $"groupBy=lesson&pageSize=100&{WarmUpCall.NoDay}"),
        new("GetSentiment", $"groupBy=week&sort=group&pageSize=1000&{WarmUpCall.NoDay}"),
        new("GetFlaggedResponses", $"pageSize=50&{WarmUpCall.NoDay}"),
        new("GetCompletionHeatmap", $"rows=40&{WarmUpCall.NoDay}"),
        new("GetExplorerResponses", $"pageSize=50&{WarmUpCall.NoDay}"),
    ];

    public static Task ApiKeyLookUpAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<ApiKeyStore>().WarmUpAsync(cancellationToken);
}
