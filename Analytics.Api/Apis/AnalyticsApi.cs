using Analytics.Api.Queries;
using Microsoft.AspNetCore.Http.HttpResults;
using SevenTaps.ApiKeys;

namespace Analytics.Api.Apis;

/// <summary>
/// Read-only answers to course owners' questions, over the tables the normalizer fills. Every endpoint takes
/// <c>from</c>, <c>to</c> (statement time), <c>lesson</c> and <c>cohort</c>; lists take <c>page</c>, <c>pageSize</c>,
/// <c>sort</c> and <c>format=csv</c>.
/// </summary>
public static partial class AnalyticsApi
{
    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(PublicRoutes.Analytics).WithTags("Analytics").RequireAuthorization(ApiKeyScopes.Analytics);

        api.MapGet("/overview", GetOverview).WithName("GetOverview")
            .WithSummary("Learners, active learners (7/30 days), statements, lessons, completion rate, responses.");
        api.MapGet("/lessons", GetLessons).WithName("GetLessons")
            .WithSummary("Per lesson: learners who started and completed it, completion rate, median minutes to complete.");
        api.MapGet("/dropoff", GetDropoff).WithName("GetDropoff")
            .WithSummary("The course funnel: learners reaching each lesson in course order and where each learner stopped.");
        api.MapGet("/engagement", GetEngagement).WithName("GetEngagement")
            .WithSummary("Active learners and statements per day or week (interval=day|week), optionally per cohort (byCohort=true).");
        api.MapGet("/learners", GetLearners).WithName("GetLearners")
            .WithSummary("Learners with progress, last seen, churn-risk score and its reasons; paged and sortable.");
        api.MapGet("/learners/{userId}", GetLearner).WithName("GetLearner")
            .WithSummary("One learner: progress, risk and timeline with answers.");
        api.MapGet("/questions", GetQuestions).WithName("GetQuestions")
            .WithSummary("Questions with their number of answers (and correct rate for quizzes).");
        api.MapGet("/questions/answers", GetQuestionAnswers).WithName("GetQuestionAnswers")
            .WithSummary("One question (questionId=...): the answer distribution of a poll/quiz/rate card, or its free-text answers.");
        api.MapGet("/responses/search", SearchResponses).WithName("SearchResponses")
            .WithSummary("Full-text search of free-text answers (q, stemmed: \"sleep\" finds \"slept\"), ranked, with highlighted snippets; questionId narrows it.");
        api.MapTextAnalytics();
        return app;
    }

    public static async Task<Results<Ok<Overview>, ValidationProblem>> GetOverview(HttpContext context, [AsParameters] AnalyticsServices services)
    {
        var (filter, parameter, error) = AnalyticsFilter.Parse(context.Request.Query);
        if (filter is null)
        {
            return Invalid(parameter!, error!);
        }
        return TypedResults.Ok(await services.Cache.GetOrComputeAsync("overview", context.Request.Query,
            token => OverviewQuery.RunAsync(services.Reader, filter, services.Time, token), context.RequestAborted));
    }

    public static async Task<Results<Ok<PagedList<LessonStats>>, CsvResult<LessonStats>, ValidationProblem>> GetLessons(
        HttpContext context, [AsParameters] AnalyticsServices services)
    {
        var (filter, paging, invalid) = ParseList(context, LessonsQuery.Sortable, "lessonUrl", services.Options.Value);
        if (invalid is not null)
        {
            return invalid;
        }
        var page = await services.Cache.GetOrComputeAsync("lessons", context.Request.Query,
            token => LessonsQuery.RunAsync(services.Reader, filter!, paging!, token), context.RequestAborted);
        return WantsCsv(context) ? new CsvResult<LessonStats>(page.Items, "lessons.csv") : TypedResults.Ok(page);
    }

    public static async Task<Results<Ok<IReadOnlyList<DropoffStep>>, CsvResult<DropoffStep>, ValidationProblem>> GetDropoff(
        HttpContext context, [AsParameters] AnalyticsServices services)
    {
        var (filter, parameter, error) = AnalyticsFilter.Parse(context.Request.Query);
        if (filter is null)
        {
            return Invalid(parameter!, error!);
        }
        var steps = await services.Cache.GetOrComputeAsync("dropoff", context.Request.Query,
            token => DropoffQuery.RunAsync(services.Reader, filter, token), context.RequestAborted);
        return WantsCsv(context) ? new CsvResult<DropoffStep>(steps, "dropoff.csv") : TypedResults.Ok(steps);
    }

    public static async Task<Results<Ok<IReadOnlyList<EngagementPoint>>, CsvResult<EngagementPoint>, ValidationProblem>> GetEngagement(
        HttpContext context, [AsParameters] AnalyticsServices services, string? interval = "day", bool byCohort = false)
    {
        var (filter, parameter, error) = AnalyticsFilter.Parse(context.Request.Query);
        if (filter is null)
        {
            return Invalid(parameter!, error!);
        }
        if (interval is not ("day" or "week"))
        {
            return Invalid("interval", "must be day or week");
        }
        var points = await services.Cache.GetOrComputeAsync("engagement", context.Request.Query,
            token => EngagementQuery.RunAsync(services.Reader, filter, interval == "week", byCohort, token), context.RequestAborted);
        return WantsCsv(context) ? new CsvResult<EngagementPoint>(points, "engagement.csv") : TypedResults.Ok(points);
    }

    public static async Task<Results<Ok<PagedList<LearnerSummary>>, CsvResult<LearnerSummary>, ValidationProblem>> GetLearners(
        HttpContext context, [AsParameters] AnalyticsServices services)
    {
        var (filter, paging, invalid) = ParseList(context, LearnersQuery.Sortable, "userId", services.Options.Value);
        if (invalid is not null)
        {
            return invalid;
        }
        var page = await services.Cache.GetOrComputeAsync("learners", context.Request.Query,
            token => LearnersQuery.RunAsync(services.Reader, filter!, paging!, services.Options.Value, services.Time, token), context.RequestAborted);
        return WantsCsv(context) ? new CsvResult<LearnerSummary>(page.Items, "learners.csv") : TypedResults.Ok(page);
    }

    public static async Task<Results<Ok<LearnerDetail>, ProblemHttpResult, ValidationProblem>> GetLearner(
        string userId, HttpContext context, [AsParameters] AnalyticsServices services)
    {
        var (filter, parameter, error) = AnalyticsFilter.Parse(context.Request.Query);
        if (filter is null)
        {
            return Invalid(parameter!, error!);
        }
        var learner = await LearnersQuery.FindAsync(services.Reader, userId, filter, services.Options.Value, services.Time, context.RequestAborted);
        return learner is null ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No learner {userId} has statements in this range.") : TypedResults.Ok(learner);
    }

    public static async Task<Results<Ok<PagedList<QuestionSummary>>, CsvResult<QuestionSummary>, ValidationProblem>> GetQuestions(
        HttpContext context, [AsParameters] AnalyticsServices services)
    {
        var (filter, paging, invalid) = ParseList(context, QuestionsQuery.Sortable, "-answers", services.Options.Value);
        if (invalid is not null)
        {
            return invalid;
        }
        var page = await services.Cache.GetOrComputeAsync("questions", context.Request.Query,
            token => QuestionsQuery.RunAsync(services.Reader, filter!, paging!, token), context.RequestAborted);
        return WantsCsv(context) ? new CsvResult<QuestionSummary>(page.Items, "questions.csv") : TypedResults.Ok(page);
    }

    public static async Task<Results<Ok<QuestionAnswers>, ProblemHttpResult, ValidationProblem>> GetQuestionAnswers(
        string? questionId, HttpContext context, [AsParameters] AnalyticsServices services)
    {
        if (string.IsNullOrWhiteSpace(questionId) || questionId.Length > 2048)
        {
            return Invalid("questionId", "is required (the question's activity id)");
        }
        var (filter, paging, invalid) = ParseList(context, new Dictionary<string, string> { ["timestamp"] = "timestamp" }, "-timestamp", services.Options.Value);
        if (invalid is not null)
        {
            return invalid;
        }
        var answers = await services.Cache.GetOrComputeAsync("questions/answers", context.Request.Query,
            token => QuestionsQuery.AnswersAsync(services.Reader, questionId, filter!, paging!, token), context.RequestAborted);
        return answers is null ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No question {questionId}.") : TypedResults.Ok(answers);
    }

    public static async Task<Results<Ok<PagedList<ResponseHit>>, CsvResult<ResponseHit>, ValidationProblem>> SearchResponses(
        string? q, string? questionId, HttpContext context, [AsParameters] AnalyticsServices services)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > 500)
        {
            return Invalid("q", "is required: the words to search for (at most 500 characters)");
        }
        var (filter, paging, invalid) = ParseList(context, new Dictionary<string, string> { ["rank"] = "rank" }, "-rank", services.Options.Value);
        if (invalid is not null)
        {
            return invalid;
        }
        var hits = await services.Cache.GetOrComputeAsync("responses/search", context.Request.Query,
            token => ResponseSearchQuery.RunAsync(services.Reader, q, questionId, filter!, paging!, token), context.RequestAborted);
        return WantsCsv(context) ? new CsvResult<ResponseHit>(hits.Items, "responses.csv") : TypedResults.Ok(hits);
    }

    private static (AnalyticsFilter? Filter, Paging? Paging, ValidationProblem? Invalid) ParseList(
        HttpContext context, IReadOnlyDictionary<string, string> sortable, string defaultSort, AnalyticsOptions options)
    {
        var (filter, parameter, error) = AnalyticsFilter.Parse(context.Request.Query);
        if (filter is null)
        {
            return (null, null, Invalid(parameter!, error!));
        }
        var (paging, pagingParameter, pagingError) = Paging.Parse(context.Request.Query, sortable, defaultSort, options);
        if (paging is null)
        {
            return (null, null, Invalid(pagingParameter!, pagingError!));
        }
        var format = context.Request.Query["format"].ToString();
        return format is "" or "json" or "csv" ? (filter, paging, null) : (null, null, Invalid("format", "must be json or csv"));
    }

    private static bool WantsCsv(HttpContext context) =>
        context.Request.Query["format"] == "csv" || context.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase);

    private static ValidationProblem Invalid(string parameter, string error) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [parameter] = [error] }, title: "Invalid request");
}
