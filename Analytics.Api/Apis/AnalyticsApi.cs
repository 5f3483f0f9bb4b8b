using Analytics.Api.Queries;
using Microsoft.AspNetCore.Http.HttpResults;
using SevenTaps.ApiKeys;

namespace Analytics.Api.Apis;

/// <summary>
/// Read-only answers to course owners' questions, over the tables the normalizer fills. Every endpoint takes
/// <c>from</c>, <c>to</c> (statement time), <c>lesson</c> and <c>cohort</c> (<see cref="FilterParameters"/>); lists take
/// <c>page</c>, <c>pageSize</c>, <c>sort</c> and <c>format=csv</c> (<see cref="PageParameters"/>).
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
        api.MapGet("/lessons/outline", GetLessonOutline).WithName("GetLessonOutline")
            .WithSummary("The course's lessons in course order (URL, number, name), without figures: for lesson pickers. Takes no filter.");
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
        api.MapCompletionHeatmap();
        api.MapSchemaDescription();
        return app;
    }

    public static async Task<Results<Ok<Overview>, ValidationProblem>> GetOverview(
        HttpContext context, [AsParameters] FilterParameters query, [AsParameters] AnalyticsServices services)
    {
        if (query.Validate(out var filter) is { } invalid)
        {
            return invalid;
        }
        return TypedResults.Ok(await services.Cache.GetOrComputeAsync("overview", context.Request.Query,
            token => OverviewQuery.RunAsync(services.Reader, filter, services.Time, token), context.RequestAborted));
    }

    public static async Task<Results<Ok<PagedList<LessonStats>>, CsvResult<LessonStats>, ValidationProblem>> GetLessons(
        HttpContext context, [AsParameters] FilterParameters query, [AsParameters] PageParameters page, [AsParameters] AnalyticsServices services)
    {
        if (page.Validate(query, LessonsQuery.Sortable, "lessonUrl", services.Options.Value, out var filter, out var paging) is { } invalid)
        {
            return invalid;
        }
        var rows = await services.Cache.GetOrComputeAsync("lessons", context.Request.Query,
            token => LessonsQuery.RunAsync(services.Reader, filter, paging, token), context.RequestAborted);
        return WantsCsv(context) ? new CsvResult<LessonStats>(rows.Items, "lessons.csv") : TypedResults.Ok(rows);
    }

    public static async Task<Ok<IReadOnlyList<CourseLesson>>> GetLessonOutline(HttpContext context, [AsParameters] AnalyticsServices services) =>
        TypedResults.Ok(await services.Cache.GetOrComputeAsync("lessons-outline", QueryCollection.Empty,
            token => CourseLessonsQuery.RunAsync(services.Reader, token), context.RequestAborted));

    public static async Task<Results<Ok<IReadOnlyList<DropoffStep>>, CsvResult<DropoffStep>, ValidationProblem>> GetDropoff(
        HttpContext context, [AsParameters] FilterParameters query, [AsParameters] AnalyticsServices services,
        string? format = null)
    {
        if (query.Validate(out var filter) is { } invalid)
        {
            return invalid;
        }
        var steps = await services.Cache.GetOrComputeAsync("dropoff", context.Request.Query,
            token => DropoffQuery.RunAsync(services.Reader, filter, token), context.RequestAborted);
        return WantsCsv(context) ? new CsvResult<DropoffStep>(steps, "dropoff.csv") : TypedResults.Ok(steps);
    }

    public static async Task<Results<Ok<IReadOnlyList<EngagementPoint>>, CsvResult<EngagementPoint>, ValidationProblem>> GetEngagement(
        HttpContext context, [AsParameters] FilterParameters query, [AsParameters] AnalyticsServices services,
        string? interval = "day",
        bool byCohort = false,
        string? format = null)
    {
        if (query.Validate(out var filter) is { } invalid)
        {
            return invalid;
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
        HttpContext context, [AsParameters] FilterParameters query, [AsParameters] PageParameters page, [AsParameters] AnalyticsServices services)
    {
        if (page.Validate(query, LearnersQuery.Sortable, "userId", services.Options.Value, out var filter, out var paging) is { } invalid)
        {
            return invalid;
        }
        var rows = await services.Cache.GetOrComputeAsync("learners", context.Request.Query,
            token => LearnersQuery.RunAsync(services.Reader, filter, paging, services.Options.Value, services.Time, token), context.RequestAborted);
        return WantsCsv(context) ? new CsvResult<LearnerSummary>(rows.Items, "learners.csv") : TypedResults.Ok(rows);
    }

    public static async Task<Results<Ok<LearnerDetail>, ProblemHttpResult, ValidationProblem>> GetLearner(
        string userId, HttpContext context, [AsParameters] FilterParameters query, [AsParameters] AnalyticsServices services)
    {
        if (query.Validate(out var filter) is { } invalid)
        {
            return invalid;
        }
        var learner = await LearnersQuery.FindAsync(services.Reader, userId, filter, services.Options.Value, services.Time, context.RequestAborted);
        return learner is null ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No learner {userId} has statements in this range.") : TypedResults.Ok(learner);
    }

    public static async Task<Results<Ok<PagedList<QuestionSummary>>, CsvResult<QuestionSummary>, ValidationProblem>> GetQuestions(
        HttpContext context, [AsParameters] FilterParameters query, [AsParameters] PageParameters page, [AsParameters] AnalyticsServices services)
    {
        if (page.Validate(query, QuestionsQuery.Sortable, "-answers", services.Options.Value, out var filter, out var paging) is { } invalid)
        {
            return invalid;
        }
        var rows = await services.Cache.GetOrComputeAsync("questions", context.Request.Query,
            token => QuestionsQuery.RunAsync(services.Reader, filter, paging, token), context.RequestAborted);
        return WantsCsv(context) ? new CsvResult<QuestionSummary>(rows.Items, "questions.csv") : TypedResults.Ok(rows);
    }

    public static async Task<Results<Ok<QuestionAnswers>, ProblemHttpResult, ValidationProblem>> GetQuestionAnswers(
        string? questionId, HttpContext context, [AsParameters] FilterParameters query, [AsParameters] PageParameters page, [AsParameters] AnalyticsServices services)
    {
        if (string.IsNullOrWhiteSpace(questionId) || questionId.Length > 2048)
        {
            return Invalid("questionId", "is required (the question's activity id)");
        }
        if (page.Validate(query, new Dictionary<string, string> { ["timestamp"] = "timestamp" }, "-timestamp", services.Options.Value, out var filter, out var paging) is { } invalid)
        {
            return invalid;
        }
        var answers = await services.Cache.GetOrComputeAsync("questions/answers", context.Request.Query,
            token => QuestionsQuery.AnswersAsync(services.Reader, questionId, filter, paging, token), context.RequestAborted);
        return answers is null ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No question {questionId}.") : TypedResults.Ok(answers);
    }

    public static async Task<Results<Ok<PagedList<ResponseHit>>, CsvResult<ResponseHit>, ValidationProblem>> SearchResponses(
        string? q, string? questionId, HttpContext context, [AsParameters] FilterParameters query, [AsParameters] PageParameters page, [AsParameters] AnalyticsServices services)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > 500)
        {
            return Invalid("q", "is required: the words to search for (at most 500 characters)");
        }
        if (page.Validate(query, new Dictionary<string, string> { ["rank"] = "rank" }, "-rank", services.Options.Value, out var filter, out var paging) is { } invalid)
        {
            return invalid;
        }
        var hits = await services.Cache.GetOrComputeAsync("responses/search", context.Request.Query,
            token => ResponseSearchQuery.RunAsync(services.Reader, q, questionId, filter, paging, token), context.RequestAborted);
        return WantsCsv(context) ? new CsvResult<ResponseHit>(hits.Items, "responses.csv") : TypedResults.Ok(hits);
    }

    private static bool WantsCsv(HttpContext context) =>
        context.Request.Query["format"] == "csv" || context.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase);

    internal static ValidationProblem Invalid(string parameter, string error) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [parameter] = [error] }, title: "Invalid request");
}
