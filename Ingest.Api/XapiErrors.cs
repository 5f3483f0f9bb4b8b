using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ingest.Api;

/// <summary>
/// Every error of the LRS is a JSON problem document (RFC 9457). Validation errors name the offending
/// property in <c>errors</c>, keyed by its path (<c>statements[2].actor.mbox</c>).
/// </summary>
public static class XapiErrors
{
    public static ValidationProblem Invalid(string path, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [path] = [message] }, title: "Invalid request");

    public static ValidationProblem Invalid(IEnumerable<KeyValuePair<string, string>> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(error => error.Key).ToDictionary(group => group.Key, group => group.Select(error => error.Value).ToArray()),
            title: "Invalid statement");

    public static ProblemHttpResult Conflict(string statementId) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Conflict",
            detail: $"Statement {statementId} already exists with different content; statements are immutable.");

    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large", detail: detail);

    public static ProblemHttpResult Unavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Storage unavailable",
            detail: "The statement store cannot be reached; nothing was stored. Retry later.");
    }

    /// <summary>For middleware that answers before an endpoint runs (authentication, version header).</summary>
    public static async Task WriteAsync(HttpContext context, int statusCode, string title, string detail)
    {
        context.Response.StatusCode = statusCode;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = statusCode, Title = title, Detail = detail },
        });
    }
}
