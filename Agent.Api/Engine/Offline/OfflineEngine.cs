using System.Text.Json;
using System.Text.Json.Serialization;
using Agent.Api.Guard;

namespace Agent.Api.Engine.Offline;

/// <summary>
/// Seven without a model: the domain parser picks a verified query, the guard runs it, the answer states the finding,
/// its assumptions and the data's freshness. Declines, with questions it can answer, whatever it does not understand.
/// </summary>
public sealed class OfflineEngine(SqlGuard guard, TimeProvider time) : IAnswerEngine
{
    public const string Name = "offline";

    internal static readonly JsonSerializerOptions IntentJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Questions Seven can answer, offered when it declines.</summary>
    public static readonly IReadOnlyList<string> Examples =
    [
        "How many learners are there?",
        "What is the completion rate of lesson 1?",
        "Where do learners drop off?",
        "Which lesson has the lowest completion rate?",
        "Compare lesson 1 vs lesson 2 completion",
        "Daily active learners last month",
        "What do learners say about sleep?",
        "Which learners are at risk?",
    ];

    public async Task<EngineResult> AnswerAsync(string message, string? previousIntentJson, CancellationToken cancellationToken) =>
        await AnswerAsync(message, previousIntentJson, await CourseCatalog.LoadAsync(guard, cancellationToken), cancellationToken);

    /// <summary>Answers against a catalogue already read (the model engine asks verified questions with the one it read).</summary>
    internal async Task<EngineResult> AnswerAsync(string message, string? previousIntentJson, CourseCatalog catalog, CancellationToken cancellationToken)
    {
        var previous = previousIntentJson is null ? null : JsonSerializer.Deserialize<Intent>(previousIntentJson, IntentJson);
        var parsed = new QuestionParser(catalog, time.GetUtcNow()).Parse(message, previous);
        if (parsed.Intent is not { } intent)
        {
            return Declined(
                $"I can't answer that: {parsed.NotUnderstood}. I answer questions about this course's learners, lessons, cards and answers " +
                "from its data, and say what I could not place rather than guess. Try one of the questions below.", catalog);
        }

        var query = VerifiedQueries.For(intent);
        var outcome = await guard.RunAsync(query.Sql, query.Parameters, cancellationToken);
        if (outcome.Result is not { } result)
        {
            // A verified query the guard refuses or PostgreSQL fails: a bug or an overloaded server, never a guess.
            return new EngineResult(
                Answer(false, $"I understood the question but could not get its answer: {outcome.Refusal!.Reason}.", "verified",
                    query.Sql, query.Parameters, [], [], false, null, parsed.Assumptions, catalog.AsOf, Examples),
                "error", JsonSerializer.Serialize(intent, IntentJson));
        }
        return new EngineResult(
            Answer(true, AnswerWriter.Write(intent, catalog, result), "verified", query.Sql, query.Parameters, result.Columns, result.Rows,
                result.Truncated, ChartBuilder.For(query.Name, result.Columns, result.Rows), parsed.Assumptions, catalog.AsOf, FollowUps(intent, catalog)),
            "answered", JsonSerializer.Serialize(intent, IntentJson));
    }

    private static EngineResult Declined(string answer, CourseCatalog catalog) =>
        new(Answer(false, answer, null, null, [], [], [], false, null, [], catalog.AsOf, Examples), "declined", null);

    /// <summary>An answer of this engine; <see cref="ChatService"/> fills in the conversation and exchange.</summary>
    private static ChatAnswer Answer(
        bool answered, string text, string? provenance, string? sql, IReadOnlyList<object?> parameters, IReadOnlyList<string> columns,
        IReadOnlyList<object?[]> rows, bool truncated, System.Text.Json.Nodes.JsonObject? chart, IReadOnlyList<string> assumptions,
        DateTimeOffset? asOf, IReadOnlyList<string> followUps) =>
        new("", Guid.Empty, answered, text, Name, provenance, sql, parameters, columns, rows, truncated, chart, assumptions, asOf, followUps);

    private static IReadOnlyList<string> FollowUps(Intent intent, CourseCatalog catalog)
    {
        var next = intent.Lessons is [var place] && place < catalog.Lessons.Count ? place + 1 : 1;
        var suggestions = new List<string>();
        if (VerifiedQueries.IsPerLesson(intent.Measure))
        {
            suggestions.Add($"And for lesson {next}?");
        }
        if (catalog.Cohorts.Count > 1 && intent.Cohort is null)
        {
            suggestions.Add($"Only cohort {catalog.Cohorts[0].Letter}");
        }
        suggestions.AddRange(intent.Measure switch
        {
            Measure.Dropoff => ["Which lesson has the lowest completion rate?", "Which learners are at risk?"],
            Measure.CompletionRate or Measure.Completed or Measure.Started => ["Where do learners drop off?", "How long does it take to complete each lesson?"],
            Measure.Engagement => ["Weekly active learners", "How many statements were recorded?"],
            Measure.Search => ["What is the sentiment by lesson?", "How many free-text answers are there?"],
            Measure.AtRisk => ["Where do learners drop off?"],
            _ => ["Where do learners drop off?", "What do learners say about sleep?"],
        });
        return suggestions;
    }
}
