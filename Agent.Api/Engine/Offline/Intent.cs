namespace Agent.Api.Engine.Offline;

/// <summary>What a question asks for. Each measure is answered by one verified query (<see cref="VerifiedQueries"/>).</summary>
public enum Measure
{
    Overview, Learners, Statements, LessonCount, Answers, FreeTextAnswers,
    Started, Completed, CompletionRate, TimeToComplete, Dropoff, LessonAnswers,
    Engagement, QuestionAnswers, Search, AtRisk, Sentiment,
}

/// <summary>A statement-time range, <see cref="To"/> exclusive, with the words it was read from.</summary>
public sealed record DateRange(DateTimeOffset From, DateTimeOffset To, string Description);

/// <summary>
/// A parsed question: the measure, the lessons (course places), cohort, date range, ranking and search words. Stored
/// with each exchange, so a follow-up ("and for lesson 4?", "only cohort B") changes one part of the previous one.
/// </summary>
public sealed record Intent(
    Measure Measure,
    IReadOnlyList<int> Lessons,
    string? Cohort,
    DateRange? Range,
    int? Top,
    bool Ascending,
    string? Interval,
    string? Search)
{
    public static Intent Of(Measure measure) => new(measure, [], null, null, null, false, null, null);
}
