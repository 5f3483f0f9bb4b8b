using Analytics.Api.Queries;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Analytics.Api.Apis;

/// <summary>
/// The filter every analytics endpoint takes, bound from the query string with [AsParameters] so the OpenAPI document
/// lists it. Bound as text and checked here, so a bad value is a 400 naming its parameter (the framework's own
/// binding failure would name none). (No [Description] on them: ASP.NET Core 10's OpenAPI generator fails on it there.)
/// </summary>
/// <param name="From"><c>from</c>: Statement time from (inclusive): an ISO 8601 date or timestamp, UTC unless it has an offset.</param>
/// <param name="To"><c>to</c>: Statement time to (exclusive): an ISO 8601 date or timestamp. Also the instant activity windows and risk count back from (default: now).</param>
/// <param name="Lesson"><c>lesson</c>: One lesson: its activity id (analysis.lessons.lesson_url).</param>
/// <param name="Cohort"><c>cohort</c>: One cohort: the Monday (yyyy-MM-dd) of the ISO week of the learners' first statement.</param>
public sealed record FilterParameters(
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "lesson")] string? Lesson,
    [FromQuery(Name = "cohort")] string? Cohort)
{
    /// <summary>The filter, or the 400 naming the offending parameter.</summary>
    public ValidationProblem? Validate(out AnalyticsFilter filter)
    {
        var (parsed, parameter, error) = AnalyticsFilter.Parse(From, To, Lesson, Cohort);
        filter = parsed!;
        return parsed is null ? AnalyticsApi.Invalid(parameter!, error!) : null;
    }
}

/// <summary>Page, sort and format of a list endpoint, bound like <see cref="FilterParameters"/>.</summary>
/// <param name="Page"><c>page</c>: 1-based page number (default 1).</param>
/// <param name="PageSize"><c>pageSize</c>: Rows per page (default Analytics:DefaultPageSize, at most Analytics:MaxPageSize).</param>
/// <param name="Sort"><c>sort</c>: The column to sort by, - in front for descending; the row key breaks ties so pages are stable.</param>
/// <param name="Format"><c>format</c>: json (default) or csv (also Accept: text/csv): the page's rows as CSV.</param>
public sealed record PageParameters(
    [FromQuery(Name = "page")] string? Page,
    [FromQuery(Name = "pageSize")] string? PageSize,
    [FromQuery(Name = "sort")] string? Sort,
    [FromQuery(Name = "format")] string? Format)
{
    /// <summary>The filter and the page, or the 400 naming the first offending parameter (filter, then page, then format).</summary>
    public ValidationProblem? Validate(FilterParameters filterParameters, IReadOnlyDictionary<string, string> sortable, string defaultSort,
        AnalyticsOptions options, out AnalyticsFilter filter, out Paging paging)
    {
        paging = null!;
        if (filterParameters.Validate(out filter) is { } invalid)
        {
            return invalid;
        }
        var (parsed, parameter, error) = Paging.Parse(Page, PageSize, Sort, sortable, defaultSort, options);
        if (parsed is null)
        {
            return AnalyticsApi.Invalid(parameter!, error!);
        }
        paging = parsed;
        return Format is null or "" or "json" or "csv" ? null : AnalyticsApi.Invalid("format", "must be json or csv");
    }
}
