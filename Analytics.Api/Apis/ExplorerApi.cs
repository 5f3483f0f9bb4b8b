using Analytics.Api.Queries;
using Microsoft.AspNetCore.Http.HttpResults;
using SevenTaps.ApiKeys;

namespace Analytics.Api.Apis;

/// <summary>
/// The data explorer: answers and activities row by row, filtered (<see cref="FilterParameters"/>,
/// <see cref="ExplorerParameters"/>), sorted and paged on the server for a grid that stays smooth at a million
/// rows, and the whole filtered set as a streamed CSV export.
/// </summary>
public static class ExplorerApi
{
    public static IEndpointRouteBuilder MapExplorerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(PublicRoutes.Analytics + "/explorer").WithTags("Explorer").RequireAuthorization(ApiKeyScopes.Analytics);

        api.MapGet("/responses", GetResponses).WithName("GetExplorerResponses")
            .WithSummary("Answers with their learner, lesson and card, filtered, sorted and paged (keyset with after=nextCursor, or offset); total exact up to 10,000, else estimated and labelled.");
        api.MapGet("/responses/export", ExportResponses).WithName("ExportExplorerResponses")
            .WithSummary("Every answer passing the filter, in the sort asked, as CSV streamed from PostgreSQL (not one page); cells that could run as spreadsheet formulas are neutralised.");
        api.MapGet("/activities", GetActivities).WithName("GetExplorerActivities")
            .WithSummary("Learning events (answered, completed, ...) with their learner, lesson and card, filtered, sorted and paged like the answers.");
        api.MapGet("/activities/export", ExportActivities).WithName("ExportExplorerActivities")
            .WithSummary("Every activity passing the filter as CSV streamed from PostgreSQL.");
        return app;
    }

    public static Task<Results<Ok<ExplorerPage<ExplorerResponse>>, ValidationProblem>> GetResponses(
        HttpContext context, [AsParameters] FilterParameters range, [AsParameters] ExplorerParameters query, [AsParameters] ExplorerPageParameters page,
        [AsParameters] AnalyticsServices services) =>
        PageAsync(ExplorerResponses.Source, range, query, page, services, context.RequestAborted);

    public static Task<Results<Ok<ExplorerPage<ExplorerActivity>>, ValidationProblem>> GetActivities(
        HttpContext context, [AsParameters] FilterParameters range, [AsParameters] ExplorerParameters query, [AsParameters] ExplorerPageParameters page,
        [AsParameters] AnalyticsServices services) =>
        PageAsync(ExplorerActivities.Source, range, query, page, services, context.RequestAborted);

    public static Results<CsvStreamResult, ValidationProblem> ExportResponses(
        [AsParameters] FilterParameters range, [AsParameters] ExplorerParameters query, [AsParameters] AnalyticsServices services) =>
        Export(ExplorerResponses.Source, "responses.csv", range, query, services);

    public static Results<CsvStreamResult, ValidationProblem> ExportActivities(
        [AsParameters] FilterParameters range, [AsParameters] ExplorerParameters query, [AsParameters] AnalyticsServices services) =>
        Export(ExplorerActivities.Source, "activities.csv", range, query, services);

    private static async Task<Results<Ok<ExplorerPage<T>>, ValidationProblem>> PageAsync<T>(
        ExplorerSource<T> source, FilterParameters range, ExplorerParameters query, ExplorerPageParameters page, AnalyticsServices services,
        CancellationToken cancellationToken)
    {
        var options = services.Options.Value;
        if (query.Validate(range, source, out var filter, out var order) is { } invalid)
        {
            return invalid;
        }
        if (page.Validate(order, options, out var after, out var offset, out var pageSize, out var exactTotal) is { } invalidPage)
        {
            return invalidPage;
        }
        return TypedResults.Ok(await ExplorerQuery.PageAsync(services.Reader, source, filter, order, after, offset, pageSize, exactTotal,
            options.EffectiveWatchList, cancellationToken));
    }

    private static Results<CsvStreamResult, ValidationProblem> Export<T>(
        ExplorerSource<T> source, string fileName, FilterParameters range, ExplorerParameters query, AnalyticsServices services)
    {
        if (query.Validate(range, source, out var filter, out var order) is { } invalid)
        {
            return invalid;
        }
        return new CsvStreamResult(
            cancellationToken => ExplorerQuery.ExportAsync(services.Reader, source, filter, order, services.Options.Value.EffectiveWatchList, cancellationToken),
            source.Columns.Select(column => column.Name).ToList(), fileName);
    }
}
