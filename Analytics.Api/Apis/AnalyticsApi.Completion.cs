using Analytics.Api.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Analytics.Api.Apis;

/// <summary>The completion heatmap: learners × lessons, in groups of learners when they are many.</summary>
public static partial class AnalyticsApi
{
    private static void MapCompletionHeatmap(this RouteGroupBuilder api) =>
        api.MapGet("/completion", GetCompletionHeatmap).WithName("GetCompletionHeatmap")
            .WithSummary("Learner × lesson: who started and completed each lesson, one row per learner while they fit in rows (default 50, at most 500), else groups of learners ranked by progress.");

    public static async Task<Results<Ok<CompletionHeatmap>, ValidationProblem>> GetCompletionHeatmap(
        HttpContext context, [AsParameters] FilterParameters query, [AsParameters] AnalyticsServices services, string? rows = null)
    {
        if (query.Validate(out var filter) is { } invalid)
        {
            return invalid;
        }
        var count = CompletionHeatmapQuery.DefaultRows;
        if (rows is not null && (!int.TryParse(rows, out count) || count is < 1 or > CompletionHeatmapQuery.MaxRows))
        {
            return Invalid("rows", $"must be a whole number from 1 to {CompletionHeatmapQuery.MaxRows}");
        }
        return TypedResults.Ok(await services.Cache.GetOrComputeAsync("completion", context.Request.Query,
            token => CompletionHeatmapQuery.RunAsync(services.Reader, filter, count, token), context.RequestAborted));
    }
}
