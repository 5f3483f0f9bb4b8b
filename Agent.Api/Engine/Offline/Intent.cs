namespace Agent.Api.Engine.Offline;

/// <summary>What a question asks for. Each measure is answered by one verified query (<see cref="VerifiedQueries"/>).</summary>
public enum Measure
{
    Overview, Learners, Statements, LessonCount, Answers, FreeTextAnswers,
    Started, Completed, CompletionRate, TimeToComplete, Dropoff, LessonAnswers,
    Engagement, QuestionAnswers, Search, AtRisk, Sentiment,
    Themes, Flagged, CardAnswers, LearnerSummary, TrendingThemes,
}

/// <summary>A statement-time range, <see cref="To"/> exclusive, with the words it was read from.</summary>
public sealed record DateRange(DateTimeOffset From, DateTimeOffset To, string Description);

/// <summary>
/// A parsed question: the measure, the lessons (course places), cohort, date range, ranking and search words. Stored
/// with each exchange, so a follow-up ("and for lesson 4?", "only cohort B") changes one part of the previous one.
/// </summary>
/// <param name="Card">One card of a lesson (its answers' distribution, themes or flagged answers).</param>
/// <param name="Learner">
/// One learner as the question named them (an id, an e-mail address, a display name); the engine resolves it against
/// <c>analysis.users</c> before anything runs and stores the learner's id.
/// </param>
/// <param name="ByCohort">One row per cohort (cohort comparisons: "which cohort is most active").</param>
/// <param name="Cohorts">With <paramref name="ByCohort"/>: only these cohorts (their weeks, yyyy-MM-dd); all when null.</param>
/// <param name="CardTypes">A lesson's cards of these types (poll, quiz, rate): "how did learners vote in lesson 2's polls".</param>
/// <param name="NewOnly">Trending themes: only the phrases no answer of the previous period had ("new themes").</param>
public sealed record Intent(
    Measure Measure,
    IReadOnlyList<int> Lessons,
    string? Cohort,
    DateRange? Range,
    int? Top,
    bool Ascending,
    string? Interval,
    string? Search,
    CatalogCard? Card = null,
    string? Learner = null,
    bool ByCohort = false,
    IReadOnlyList<string>? Cohorts = null,
    bool NewOnly = false,
    IReadOnlyList<string>? CardTypes = null)
{
    public static Intent Of(Measure measure) => new(measure, [], null, null, null, false, null, null);
}
