using System.Net;
using Dashboard.Web.Identity;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Apis;

/// <summary>
/// The workbench's CSV download of a run: Agent.Api runs the run's query again through the guard and streams every
/// row (up to its export cap, not the grid's row cap); the dashboard passes it on as it arrives, for analysts and
/// administrators (the browser never holds the dashboard's key).
/// </summary>
public static class WorkbenchExportApi
{
    public static IEndpointRouteBuilder MapWorkbenchExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/workbench/export/{id:guid}", Export).WithName("ExportWorkbenchRun").ExcludeFromDescription()
            .RequireAuthorization(new AuthorizeAttribute { Roles = $"{Roles.Analyst},{Roles.Admin}" })
            .WithSummary("Every row of a workbench run's query as CSV, streamed.");
        return app;
    }

    public static async Task<Results<FileStreamHttpResult, NotFound, ProblemHttpResult>> Export(
        Guid id, HttpContext context, WorkbenchClient workbench, AuthenticationStateProvider authentication, TimeProvider time, ILogger<WorkbenchClient> logger)
    {
        // Outside a circuit the person comes from the request, as the Razor components endpoint hands it to pages.
        if (authentication is IHostEnvironmentAuthenticationStateProvider host)
        {
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(context.User)));
        }
        HttpResponseMessage response;
        try
        {
            response = await workbench.OpenExportAsync(id, context.RequestAborted);
        }
        catch (ApiException exception) when (exception.Status == HttpStatusCode.NotFound)
        {
            return TypedResults.NotFound();
        }
        catch (Exception exception) when (exception is ApiException or HttpRequestException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The export could not be started", detail: exception.Message);
        }
        context.Response.RegisterForDispose(response);
        logger.LogInformation("Workbench CSV export of run {Run} for {User}", id, context.User.Identity?.Name);
        var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        return TypedResults.Stream(body, "text/csv; charset=utf-8", $"seventaps-workbench-{time.GetUtcNow():yyyy-MM-dd'T'HHmm}.csv");
    }
}
