using System.Net;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Apis;

/// <summary>
/// The explorer's CSV download: the whole filtered set, passed on from Analytics.Api's streamed export as it arrives.
/// The browser never holds the dashboard's API key: it asks the dashboard with its sign-in cookie (any role, like every
/// page), and the dashboard asks Analytics.Api with its key on the person's behalf.
/// </summary>
public static class ExplorerExportApi
{
    public static IEndpointRouteBuilder MapExplorerExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/explorer/export", Export).WithName("ExportExplorer").ExcludeFromDescription()
            .WithSummary("Every row of the explorer's view (the page's own query string) as CSV, streamed.");
        return app;
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Export(
        HttpContext context, ExplorerExportClient exports, AuthenticationStateProvider authentication, TimeProvider time, ILogger<ExplorerExportClient> logger)
    {
        // Outside a circuit the person comes from the request, as the Razor components endpoint hands it to pages.
        if (authentication is IHostEnvironmentAuthenticationStateProvider host)
        {
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(context.User)));
        }
        var query = ExplorerQuery.Parse(context.Request.Query);
        HttpResponseMessage response;
        try
        {
            response = await exports.OpenAsync(query, context.RequestAborted);
        }
        catch (ApiException exception)
        {
            return TypedResults.Problem(statusCode: exception.Status == HttpStatusCode.BadRequest ? StatusCodes.Status400BadRequest : StatusCodes.Status502BadGateway,
                title: "The export could not be started", detail: exception.Message);
        }
        catch (HttpRequestException exception)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The export could not be started", detail: exception.Message);
        }
        context.Response.RegisterForDispose(response);
        logger.LogInformation("CSV export of {View} for {User}: {Query}", query.ApiPath, context.User.Identity?.Name, query.ToApiQuery());
        var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        var fileName = $"seventaps-{query.ApiPath}-{time.GetUtcNow():yyyy-MM-dd'T'HHmm}.csv";
        // Nothing is buffered: each block PostgreSQL's rows make at Analytics.Api is copied on as it arrives.
        return TypedResults.Stream(body, "text/csv; charset=utf-8", fileName);
    }
}
