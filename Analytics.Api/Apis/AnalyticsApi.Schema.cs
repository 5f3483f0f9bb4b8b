using Microsoft.AspNetCore.Http.HttpResults;
using SevenTaps.Analysis.Description;

namespace Analytics.Api.Apis;

/// <summary>The published description of the analysis schema, for people (Markdown) and models (JSON).</summary>
public static partial class AnalyticsApi
{
    private const string Markdown = "text/markdown";

    private static void MapSchemaDescription(this RouteGroupBuilder api) =>
        api.MapGet("/schema", GetSchema).WithName("GetSchema")
            .WithSummary("The analysis schema: tables, columns with types and meanings, join paths and the glossary (completion, drop-off, at-risk, lesson order, statement time). JSON, or Markdown (text/markdown) with format=markdown or Accept: text/markdown.");

    /// <param name="format">json (default) or markdown.</param>
    public static Results<Ok<SchemaDescription>, ContentHttpResult, ValidationProblem> GetSchema(HttpContext context, string? format = null)
    {
        if (format is not (null or "json" or "markdown"))
        {
            return Invalid("format", "must be json or markdown");
        }
        var description = AnalysisSchemaDescription.Current;
        var wantsMarkdown = format == "markdown" || (format is null && context.Request.Headers.Accept.ToString().Contains(Markdown, StringComparison.OrdinalIgnoreCase));
        return wantsMarkdown ? TypedResults.Text(description.ToMarkdown(), $"{Markdown}; charset=utf-8") : TypedResults.Ok(description);
    }
}
