using System.ComponentModel;
using System.Text.Json;
using Agent.Api.Engine;
using Agent.Api.Engine.Offline;
using Agent.Api.Guard;
using Agent.Api.Model;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SevenTaps.Analysis.Description;

namespace Agent.Api.Mcp;

/// <summary>
/// Seven's tools for MCP clients (Claude, Copilot, IDEs) at <c>/api/agent/mcp</c>: the schema, guarded SQL, Seven
/// itself, and the analytics questions as verified queries. Every result is JSON; a refusal or a bad argument is a
/// tool error with the reason, which a client's model can act on.
/// </summary>
[McpServerToolType]
public sealed class SevenMcpTools(SqlGuard guard, CourseCatalogCache catalogs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [McpServerTool(Name = "describe_schema", ReadOnly = true, Idempotent = true)]
    [Description("The analysis tables Seven and run_query may read (columns with types and meanings, join paths), the glossary of our terms with their SQL, and the course's lessons in order.")]
    public async Task<string> DescribeSchema(CancellationToken cancellationToken)
    {
        var catalog = await catalogs.GetAsync(cancellationToken);
        return AnalysisSchemaDescription.Published.ToMarkdown() + "\n## Our terms in SQL\n\n" + SqlGlossary.Describe() + "\n\n## Lessons in course order\n\n" +
            string.Join('\n', catalog.Lessons.Select(lesson => $"{lesson.Place}. {lesson.Name} ({lesson.Url})")) + "\n";
    }

    [McpServerTool(Name = "run_query", ReadOnly = true, Idempotent = true)]
    [Description("Runs one read-only PostgreSQL SELECT over the analysis tables through Seven's SQL guard (no writes, no other tables, no side-effect functions, a row cap and a timeout). Returns columns and rows, or the refusal with its reason.")]
    public async Task<CallToolResult> RunQuery(
        [Description("One SELECT (or WITH ... SELECT) over analysis.* tables; positional parameters as $1, $2 ...")] string sql,
        [Description("Values for $1, $2 ... (strings, numbers, booleans)")] JsonElement[]? parameters = null,
        CancellationToken cancellationToken = default)
    {
        var values = (parameters ?? []).Select(Apis.QueryApi.JsonParameter).ToArray();
        return Result(await guard.RunAsync(sql, values, cancellationToken), sql, values);
    }

    [McpServerTool(Name = "ask_seven", ReadOnly = true)]
    [Description("Asks Seven a question about the course in plain English. Returns its answer (Markdown) with the evidence: the SQL that ran, rows, assumptions, provenance (verified or generated) and follow-up questions. Send conversationId back for follow-ups.")]
    public static async Task<string> AskSeven(
        ChatService chat,
        [Description("The question, e.g. \"Where do learners drop off?\"")] string question,
        [Description("The conversationId of a previous answer, for a follow-up")] string? conversationId = null,
        CancellationToken cancellationToken = default)
    {
        if (Apis.ChatApi.Problem(new Apis.ChatRequest(question, conversationId)) is { } problem)
        {
            throw new ModelContextProtocol.McpException(problem.ProblemDetails.Detail!);
        }
        return JsonSerializer.Serialize(await chat.AskAsync(question.Trim(), conversationId, userName: null, cancellationToken), Json);
    }

    [McpServerTool(Name = "lesson_stats", ReadOnly = true, Idempotent = true)]
    [Description("Per lesson, in course order: learners who started, completed, the completion rate, the median minutes to complete, the drop-off (reached, stopped here) and answers.")]
    public Task<CallToolResult> LessonStats(
        [Description("started, completed, completion_rate, time_to_complete, dropoff or answers")] string measure,
        [Description("Lesson numbers in course order (1 = the first lesson); all when empty")] int[]? lessons = null,
        [Description("A cohort letter (A = the first week learners started in)")] string? cohort = null,
        [Description("First day, yyyy-MM-dd (statement time, UTC)")] DateOnly? from = null,
        [Description("Last day included, yyyy-MM-dd")] DateOnly? to = null,
        CancellationToken cancellationToken = default) =>
        measure switch
        {
            "started" => RunAsync(Measure.Started, lessons, cohort, from, to, cancellationToken),
            "completed" => RunAsync(Measure.Completed, lessons, cohort, from, to, cancellationToken),
            "completion_rate" => RunAsync(Measure.CompletionRate, lessons, cohort, from, to, cancellationToken),
            "time_to_complete" => RunAsync(Measure.TimeToComplete, lessons, cohort, from, to, cancellationToken),
            "dropoff" => RunAsync(Measure.Dropoff, lessons, cohort, from, to, cancellationToken),
            "answers" => RunAsync(Measure.LessonAnswers, lessons, cohort, from, to, cancellationToken),
            _ => Task.FromResult(Error($"measure must be started, completed, completion_rate, time_to_complete, dropoff or answers, not \"{measure}\"")),
        };

    [McpServerTool(Name = "course_overview", ReadOnly = true, Idempotent = true)]
    [Description("Learners, statements, lessons worked in, answers and the overall completion rate, for the whole course or a cohort, lessons or period.")]
    public Task<CallToolResult> CourseOverview(int[]? lessons = null, string? cohort = null, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default) =>
        RunAsync(Measure.Overview, lessons, cohort, from, to, cancellationToken);

    [McpServerTool(Name = "engagement", ReadOnly = true, Idempotent = true)]
    [Description("Active learners and statements, per day or week (or in total when a period is given without an interval).")]
    public Task<CallToolResult> Engagement(
        [Description("day or week")] string? interval = null, int[]? lessons = null, string? cohort = null, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default) =>
        interval is null or "day" or "week"
            ? RunAsync(Measure.Engagement, lessons, cohort, from, to, cancellationToken, interval: interval)
            : Task.FromResult(Error("interval must be day or week"));

    [McpServerTool(Name = "answers_per_card", ReadOnly = true, Idempotent = true)]
    [Description("Per card (question) of the lessons: its type, text, answers and, for quizzes, correct answers and the correct rate.")]
    public Task<CallToolResult> AnswersPerCard(int[]? lessons = null, string? cohort = null, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default) =>
        RunAsync(Measure.QuestionAnswers, lessons, cohort, from, to, cancellationToken);

    [McpServerTool(Name = "search_answers", ReadOnly = true, Idempotent = true)]
    [Description("Learners' free-text answers matching words (web-search syntax, English stemming), best matches first, with how many match.")]
    public Task<CallToolResult> SearchAnswers(
        [Description("Words to search for, e.g. sleep or \"screen time\"")] string words, int[]? lessons = null, string? cohort = null, DateOnly? from = null, DateOnly? to = null,
        CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(words) || words.Length > 200
            ? Task.FromResult(Error("words: 1 to 200 characters"))
            : RunAsync(Measure.Search, lessons, cohort, from, to, cancellationToken, search: words);

    [McpServerTool(Name = "at_risk_learners", ReadOnly = true, Idempotent = true)]
    [Description("Learners with lessons left and no activity in the 7 days before the data's last statement, longest inactive first.")]
    public Task<CallToolResult> AtRiskLearners(string? cohort = null, CancellationToken cancellationToken = default) =>
        RunAsync(Measure.AtRisk, null, cohort, null, null, cancellationToken);

    [McpServerTool(Name = "sentiment_by_lesson", ReadOnly = true, Idempotent = true)]
    [Description("Per lesson: free-text answers, their mean VADER sentiment (-1..1) and how many are positive, neutral and negative.")]
    public Task<CallToolResult> SentimentByLesson(int[]? lessons = null, string? cohort = null, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default) =>
        RunAsync(Measure.Sentiment, lessons, cohort, from, to, cancellationToken);

    /// <summary>The verified query for a measure, with lessons (course places), a cohort letter and a period resolved against the course.</summary>
    private async Task<CallToolResult> RunAsync(
        Measure measure, int[]? lessons, string? cohort, DateOnly? from, DateOnly? to, CancellationToken cancellationToken,
        string? interval = null, string? search = null)
    {
        var catalog = await catalogs.GetAsync(cancellationToken);
        if ((lessons ?? []).Where(place => place < 1 || place > catalog.Lessons.Count).ToList() is [var missing, ..])
        {
            return Error($"there is no lesson {missing}; the course has lessons 1 to {catalog.Lessons.Count}");
        }
        var week = cohort is null ? null : catalog.Cohorts.FirstOrDefault(c => c.Letter.Equals(cohort, StringComparison.OrdinalIgnoreCase));
        if (cohort is not null && week is null)
        {
            return Error($"there is no cohort {cohort}; the cohorts are {string.Join(", ", catalog.Cohorts.Select(c => $"{c.Letter} (week of {c.Week:yyyy-MM-dd})"))}");
        }
        if (from > to)
        {
            return Error("from is after to");
        }
        DateRange? range = from is null && to is null ? null : new(
            (from ?? DateOnly.MinValue).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            to is { } last ? last.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : DateTimeOffset.MaxValue, "");
        var intent = Intent.Of(measure) with
        {
            Lessons = lessons ?? [], Cohort = week?.Week.ToString("yyyy-MM-dd"), Range = range, Interval = interval, Search = search,
        };
        var query = VerifiedQueries.For(intent);
        return Result(await guard.RunAsync(query.Sql, query.Parameters, cancellationToken), query.Sql, query.Parameters, catalog.AsOf);
    }

    private static CallToolResult Result(GuardOutcome outcome, string sql, IReadOnlyList<object?> parameters, DateTimeOffset? asOf = null) =>
        outcome.Result is { } result
            ? new CallToolResult
            {
                Content = [new TextContentBlock { Text = JsonSerializer.Serialize(new { sql, parameters, result.Columns, result.Rows, result.Truncated, asOf }, Json) }],
            }
            : Error($"refused ({outcome.Refusal!.Code}): {outcome.Refusal.Reason}");

    private static CallToolResult Error(string reason) => new() { IsError = true, Content = [new TextContentBlock { Text = reason }] };
}
