using System.Text.Json;
using System.Text.Json.Serialization;
using Agent.Api.Guard;
using Microsoft.Extensions.Options;
using SevenTaps.Text;

namespace Agent.Api.Engine.Offline;

/// <summary>
/// Seven without a model: the domain parser picks a verified query, the guard runs it, the answer states the finding,
/// its assumptions and the data's freshness. Declines, with questions it can answer, whatever it does not understand.
/// </summary>
public sealed class OfflineEngine(SqlGuard guard, CourseCatalogCache catalogs, TimeProvider time, IOptions<WatchListOptions> watchListOptions) : IAnswerEngine
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
        "What themes come up in the reflections?",
        "Which answers were flagged?",
        "How did learners answer card 2 of lesson 1?",
        "Which cohort is most active?",
        "Which learners are at risk?",
    ];

    /// <summary>The watch list configured for analytics (<c>Analytics:WatchList</c>), which flagged answers use.</summary>
    internal IReadOnlyList<string> WatchList => watchListOptions.Value.EffectiveWatchList;

    public async Task<EngineResult> AnswerAsync(string message, string? previousIntentJson, CancellationToken cancellationToken) =>
        await AnswerAsync(message, previousIntentJson, await catalogs.GetAsync(cancellationToken), cancellationToken);

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

        var assumptions = parsed.Assumptions.ToList();
        string? learnerName = null;
        if (intent.Learner is { } reference)
        {
            // The learner named is looked up before anything else runs: none or several is a decline, never a guess.
            var lookup = VerifiedQueries.LearnerLookup(reference);
            var found = await guard.RunAsync(lookup.Sql, lookup.Parameters, cancellationToken);
            if (found.Result is not { } learners)
            {
                return Failed(intent, lookup, found.Refusal!, assumptions, catalog);
            }
            if (learners.Rows is not [var learner])
            {
                return Declined(learners.Rows.Count == 0
                    ? $"I can't answer that: I found no learner \"{reference}\" (I look learners up by their id, e-mail address or display name). " +
                      "Try one of the questions below, or a learner's id as the at-risk list shows it."
                    : $"I can't answer that: \"{reference}\" could be any of {learners.Rows.Count}{(learners.Rows.Count > 5 ? " or more" : "")} learners " +
                      $"({string.Join(", ", learners.Rows.Take(5).Select(row => row[1] is string name ? $"{name} ({row[0]})" : (string)row[0]!))}); name one by id.", catalog);
            }
            var userId = (string)learner[0]!;
            learnerName = learner[1] as string ?? learner[2] as string ?? userId;
            var week = learner[3] as string;
            var letter = catalog.Cohorts.FirstOrDefault(c => c.Week.ToString("yyyy-MM-dd") == week)?.Letter;
            assumptions.Add($"learner \"{reference}\" is {(learnerName == userId ? "" : $"{learnerName}, ")}id {userId}" +
                            (week is null ? "" : $", cohort {letter ?? week} (first statement in the week of {week})"));
            intent = intent with { Learner = userId };
        }

        var query = VerifiedQueries.For(intent, WatchList);
        var outcome = await guard.RunAsync(query.Sql, query.Parameters, cancellationToken);
        if (outcome.Result is not { } result)
        {
            return Failed(intent, query, outcome.Refusal!, assumptions, catalog);
        }
        if (intent.Measure == Measure.Themes)
        {
            // The query read the newest free-text answers; their themes are ranked here, as the dashboard ranks them.
            result = ThemeRanking.Rank(result, intent.Top, out var analysed, out var sampled);
            assumptions.Add(sampled
                ? $"more free-text answers matched than are read for themes: the newest {analysed:N0} were analysed (rows are ranked from the answers the SQL returned)"
                : $"{analysed:N0} free-text answers analysed (rows are ranked from the answers the SQL returned)");
        }
        else if (intent.Measure == Measure.TrendingThemes)
        {
            // The query read both periods' newest free-text answers; their phrases are compared here, as the dashboard compares them.
            var samples = result;
            result = ThemeRanking.Trending(samples, intent.Top, intent.NewOnly, out var sampled);
            assumptions.Add($"compared: {Count(samples, "current")} free-text answers of the period with {Count(samples, "previous")} of the previous {Days(intent.Range!)} " +
                            $"(rows are compared from the answers the SQL returned{(sampled ? "; a period had more answers than are read: the newest were analysed" : "")})");
        }
        return new EngineResult(
            Answer(true, AnswerWriter.Write(intent, catalog, result, learnerName), "verified", query.Sql, query.Parameters, result.Columns, result.Rows,
                result.Truncated, ChartBuilder.For(query.Name, result.Columns, result.Rows, query.Chart), assumptions, catalog.AsOf, FollowUps(intent, catalog, result)),
            "answered", JsonSerializer.Serialize(intent, IntentJson));
    }

    private static string Count(GuardedResult samples, string period) =>
        $"{Convert.ToInt64(samples.Rows.First(row => row[0] as string == period)[3]):N0}";

    private static string Days(DateRange range) =>
        (range.To - range.From).TotalDays is var days && days == 1 ? "day" : $"{days:0.#} days";

    /// <summary>A verified query the guard refuses or PostgreSQL fails: a bug or an overloaded server, never a guess.</summary>
    private static EngineResult Failed(Intent intent, VerifiedQuery query, GuardRefusal refusal, IReadOnlyList<string> assumptions, CourseCatalog catalog) =>
        new(Answer(false, $"I understood the question but could not get its answer: {refusal.Reason}.", "verified",
                query.Sql, query.Parameters, [], [], false, null, assumptions, catalog.AsOf, Examples),
            "error", JsonSerializer.Serialize(intent, IntentJson));

    private static EngineResult Declined(string answer, CourseCatalog catalog) =>
        new(Answer(false, answer, null, null, [], [], [], false, null, [], catalog.AsOf, Examples), "declined", null);

    /// <summary>An answer of this engine; <see cref="ChatService"/> fills in the conversation and exchange.</summary>
    private static ChatAnswer Answer(
        bool answered, string text, string? provenance, string? sql, IReadOnlyList<object?> parameters, IReadOnlyList<string> columns,
        IReadOnlyList<object?[]> rows, bool truncated, System.Text.Json.Nodes.JsonObject? chart, IReadOnlyList<string> assumptions,
        DateTimeOffset? asOf, IReadOnlyList<string> followUps) =>
        new("", Guid.Empty, answered, text, Name, provenance, sql, parameters, columns, rows, truncated, chart, assumptions, asOf, followUps);

    private static IReadOnlyList<string> FollowUps(Intent intent, CourseCatalog catalog, GuardedResult result)
    {
        var next = intent.Lessons is [var place] && place < catalog.Lessons.Count ? place + 1 : 1;
        var suggestions = new List<string>();
        if (VerifiedQueries.IsPerLesson(intent.Measure) && !intent.ByCohort)
        {
            suggestions.Add($"And for lesson {next}?");
        }
        if (intent.Card is { } card && catalog.Cards.Any(c => c.Lesson == card.Lesson && c.Place == card.Place + 1))
        {
            suggestions.Add($"And card {card.Place + 1}?");
        }
        if (catalog.Cohorts.Count > 1 && intent.Cohort is null && !intent.ByCohort && intent.Learner is null)
        {
            suggestions.Add($"Only cohort {catalog.Cohorts[0].Letter}");
        }
        if (intent.ByCohort)
        {
            suggestions.AddRange(["Completion rate by cohort", "Which cohort has the most learners?", "Where do learners drop off?"]);
            return suggestions;
        }
        suggestions.AddRange(intent.Measure switch
        {
            Measure.Themes when result.Rows.Count > 0 && result.Rows[0][0] is string phrase =>
                [$"What do learners say about {phrase}?", "Which answers were flagged?", "What is the sentiment by lesson?"],
            Measure.Themes => ["What's trending this week?", "Which answers were flagged?", "What is the sentiment by lesson?"],
            Measure.TrendingThemes when result.Rows.Count > 0 && result.Rows[0][0] is string rising =>
                [$"What do learners say about {rising}?", "What themes come up in the reflections?"],
            Measure.TrendingThemes => ["What themes come up in the reflections?", "What's trending this month?"],
            Measure.Flagged => ["Which learners are at risk?", "What themes come up in the reflections?"],
            Measure.CardAnswers => [$"How many answers per card in lesson {intent.Lessons.FirstOrDefault(1)}?", "Where do learners drop off?"],
            Measure.LearnerSummary => ["Which learners are at risk?", "Which cohort is most active?"],
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
