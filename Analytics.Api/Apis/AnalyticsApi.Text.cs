using Analytics.Api.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Analytics.Api.Apis;

/// <summary>Themes, sentiment and the watch list over free-text answers (issue #5).</summary>
public static partial class AnalyticsApi
{
    private static void MapTextAnalytics(this RouteGroupBuilder api)
    {
        api.MapGet("/themes", GetThemes).WithName("GetThemes")
            .WithSummary("Top keyphrases (1-3 words, TF-IDF) of free-text answers with answer counts and examples; questionId narrows it. The newest Analytics:ThemeSampleSize answers are analysed.");
        api.MapGet("/themes/trending", GetTrendingThemes).WithName("GetTrendingThemes")
            .WithSummary("Keyphrases of the period from..to (default: the last 7 days) against the previous period of equal length: counts, change, new ones.");
        api.MapGet("/sentiment", GetSentiment).WithName("GetSentiment")
            .WithSummary("VADER sentiment of free-text answers per lesson, question, cohort, day or week (groupBy): mean compound score and positive/neutral/negative counts (±0.05).");
        api.MapGet("/responses/flagged", GetFlaggedResponses).WithName("GetFlaggedResponses")
            .WithSummary("Free-text answers containing a term of the configured watch list (Analytics:WatchList; whole words, case-insensitive), with the terms matched.");
    }

    public static async Task<Results<Ok<ThemeReport>, CsvResult<Theme>, ValidationProblem>> GetThemes(
        string? questionId, HttpContext context, [AsParameters] FilterParameters query, [AsParameters] PageParameters page, [AsParameters] AnalyticsServices services)
    {
        if (ValidateTextList(questionId, query, page, ThemesQuery.Sortable, "-score", services.Options.Value, out var filter, out var paging) is { } invalid)
        {
            return invalid;
        }
        var report = await services.Cache.GetOrComputeAsync("themes", context.Request.Query,
            token => ThemesQuery.RunAsync(services.Reader, filter, questionId, paging, services.Options.Value.ThemeSampleSize, token), context.RequestAborted);
        return WantsCsv(context) ? new CsvResult<Theme>(report.Items, "themes.csv") : TypedResults.Ok(report);
    }

    public static async Task<Results<Ok<TrendingReport>, CsvResult<TrendingTheme>, ValidationProblem>> GetTrendingThemes(
        string? questionId, HttpContext context, [AsParameters] FilterParameters query, [AsParameters] PageParameters page, [AsParameters] AnalyticsServices services)
    {
        if (ValidateTextList(questionId, query, page, TrendingThemesQuery.Sortable, "-change", services.Options.Value, out var filter, out var paging) is { } invalid)
        {
            return invalid;
        }
        var report = await services.Cache.GetOrComputeAsync("themes/trending", context.Request.Query,
            token => TrendingThemesQuery.RunAsync(services.Reader, filter, questionId, paging, services.Options.Value.ThemeSampleSize, services.Time, token), context.RequestAborted);
        return WantsCsv(context) ? new CsvResult<TrendingTheme>(report.Items, "themes-trending.csv") : TypedResults.Ok(report);
    }

    public static async Task<Results<Ok<PagedList<SentimentGroup>>, CsvResult<SentimentGroup>, ValidationProblem>> GetSentiment(
        string? groupBy, string? questionId, HttpContext context, [AsParameters] FilterParameters query, [AsParameters] PageParameters page, [AsParameters] AnalyticsServices services)
    {
        groupBy ??= "lesson";
        if (!SentimentQuery.Groupings.Contains(groupBy))
        {
            return Invalid("groupBy", $"must be one of {string.Join(", ", SentimentQuery.Groupings)}");
        }
        if (ValidateTextList(questionId, query, page, SentimentQuery.Sortable, "group", services.Options.Value, out var filter, out var paging) is { } invalid)
        {
            return invalid;
        }
        var groups = await services.Cache.GetOrComputeAsync("sentiment", context.Request.Query,
            token => SentimentQuery.RunAsync(services.Reader, filter, groupBy, questionId, paging, token), context.RequestAborted);
        return WantsCsv(context) ? new CsvResult<SentimentGroup>(groups.Items, "sentiment.csv") : TypedResults.Ok(groups);
    }

    public static async Task<Results<Ok<PagedList<FlaggedResponse>>, CsvResult<FlaggedResponse>, ValidationProblem>> GetFlaggedResponses(
        string? questionId, HttpContext context, [AsParameters] FilterParameters query, [AsParameters] PageParameters page, [AsParameters] AnalyticsServices services)
    {
        if (ValidateTextList(questionId, query, page, FlaggedResponsesQuery.Sortable, "-timestamp", services.Options.Value, out var filter, out var paging) is { } invalid)
        {
            return invalid;
        }
        var flagged = await services.Cache.GetOrComputeAsync("responses/flagged", context.Request.Query,
            token => FlaggedResponsesQuery.RunAsync(services.Reader, services.Options.Value.EffectiveWatchList, filter, questionId, paging, token), context.RequestAborted);
        return WantsCsv(context) ? new CsvResult<FlaggedResponse>(flagged.Items, "flagged-responses.csv") : TypedResults.Ok(flagged);
    }

    /// <summary>The list parameters plus the optional question id every text endpoint takes.</summary>
    private static ValidationProblem? ValidateTextList(string? questionId, FilterParameters query, PageParameters page,
        IReadOnlyDictionary<string, string> sortable, string defaultSort, AnalyticsOptions options, out AnalyticsFilter filter, out Paging paging)
    {
        if (questionId is { Length: > 2048 } || questionId?.Trim().Length == 0)
        {
            (filter, paging) = (null!, null!);
            return Invalid("questionId", "must be a question's activity id (at most 2,048 characters)");
        }
        return page.Validate(query, sortable, defaultSort, options, out filter, out paging);
    }
}
