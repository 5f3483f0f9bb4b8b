namespace SevenTaps.Generator;

/// <summary>
/// Everything that shapes a generated data set. Same options (including <see cref="Seed"/>) give byte-identical
/// statements and ground truth.
/// </summary>
public sealed record GeneratorOptions
{
    /// <summary>Seed of every random choice (course, learners, behaviour, ids, text).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Number of learners (each one emits at least one statement).</summary>
    public int Learners { get; init; } = 200;

    /// <summary>Lessons in the course, numbered 1..LessonCount.</summary>
    public int LessonCount { get; init; } = 10;

    /// <summary>Fewest answerable cards in a lesson (at least 5: every lesson has every card type).</summary>
    public int MinCardsPerLesson { get; init; } = 8;

    /// <summary>Most answerable cards in a lesson.</summary>
    public int MaxCardsPerLesson { get; init; } = 14;

    /// <summary>First day of the period; the first cohort starts on the first weekday on or after it.</summary>
    public DateOnly CourseStart { get; init; } = new(2025, 9, 1);

    /// <summary>
    /// Length of the period in weeks. Nothing is emitted at or after <see cref="CourseStart"/> + 7×Weeks days
    /// (00:00 UTC): learners still in progress then simply have no later statements.
    /// </summary>
    public int Weeks { get; init; } = 12;

    /// <summary>Number of cohorts; their start dates are spread over the first <see cref="CohortSpread"/> of the period.</summary>
    public int Cohorts { get; init; } = 4;

    /// <summary>
    /// Share of the period over which cohort start dates are spread (cohort c starts c×spread/Cohorts into it).
    /// 0.6 lets most learners finish; 1.0 keeps cohorts arriving until near the end (a course in progress).
    /// </summary>
    public double CohortSpread { get; init; } = 0.6;

    /// <summary>Probability that an answered statement is later voided (by a voided statement).</summary>
    public double VoidedFraction { get; init; } = 0.002;

    /// <summary>
    /// Average share of the learners who completed a lesson that go on to complete the next one (each lesson
    /// gets a fixed jitter of ±0.03 around it, and learners differ a little).
    /// </summary>
    public double LessonRetention { get; init; } = 0.89;

    /// <summary>Share of learners whose actor carries a display "name" next to the account.</summary>
    public double NamedLearnerFraction { get; init; } = 0.03;

    /// <summary>Approximate share of free-text (form) answers that contain a concerning phrase.</summary>
    public double ConcerningFraction { get; init; } = 0.005;

    /// <summary>Base URL of the course; lesson ids are {BaseUrl}/{12 alphanumeric characters}.</summary>
    public string BaseUrl { get; init; } = "https://courses.practiceoflife.com";

    /// <summary>
    /// When set, the period ends at this instant instead of at the end of its last day: a course caught in
    /// progress. It must lie within the period's last day (see <see cref="EndingAt"/>).
    /// </summary>
    public DateTimeOffset? EndAt { get; init; }

    /// <summary>First instant (UTC) that is no longer part of the period.</summary>
    public DateTimeOffset PeriodEnd => EndAt ?? FullPeriodEnd;

    private DateTimeOffset FullPeriodEnd => new(CourseStart.AddDays(7 * Weeks).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>
    /// These options moved in time so that the period's last day is <paramref name="end"/>'s UTC date and nothing
    /// is emitted at or after <paramref name="end"/>: a demo course that is in progress today. Everything else
    /// stays a function of the options, so the same <paramref name="end"/> gives the same statements.
    /// </summary>
    public GeneratorOptions EndingAt(DateTimeOffset end) =>
        this with { CourseStart = DateOnly.FromDateTime(end.UtcDateTime).AddDays(1 - (7 * Weeks)), EndAt = end.ToUniversalTime() };

    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        Check(Learners >= 1, nameof(Learners), "must be at least 1");
        Check(LessonCount is >= 1 and <= 500, nameof(LessonCount), "must be between 1 and 500");
        Check(MinCardsPerLesson >= 5, nameof(MinCardsPerLesson), "must be at least 5 (one card of each type)");
        Check(MaxCardsPerLesson >= MinCardsPerLesson && MaxCardsPerLesson <= 200, nameof(MaxCardsPerLesson), "must be between MinCardsPerLesson and 200");
        Check(Weeks is >= 1 and <= 520, nameof(Weeks), "must be between 1 and 520");
        Check(Cohorts >= 1 && Cohorts <= Weeks * 7, nameof(Cohorts), "must be between 1 and 7×Weeks");
        Check(CohortSpread is >= 0 and <= 1, nameof(CohortSpread), "must be between 0 and 1");
        Check(VoidedFraction is >= 0 and <= 0.5, nameof(VoidedFraction), "must be between 0 and 0.5");
        Check(LessonRetention is > 0 and <= 1, nameof(LessonRetention), "must be in (0, 1]");
        Check(NamedLearnerFraction is >= 0 and <= 1, nameof(NamedLearnerFraction), "must be between 0 and 1");
        Check(ConcerningFraction is >= 0 and <= 0.5, nameof(ConcerningFraction), "must be between 0 and 0.5");
        Check(EndAt is null || (EndAt > FullPeriodEnd.AddDays(-1) && EndAt <= FullPeriodEnd), nameof(EndAt), "must lie within the period's last day");
        Check(Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || uri.Scheme == "http") && !BaseUrl.EndsWith('/'),
            nameof(BaseUrl), "must be an absolute http(s) URL without a trailing slash");
    }

    private static void Check(bool ok, string name, string message)
    {
        if (!ok)
        {
            throw new ArgumentException($"{name} {message}.", name);
        }
    }

    /// <summary>
    /// Options that land near <paramref name="statements"/> emitted statements for <paramref name="learners"/>
    /// learners (typically within 1-2%). Picks the card range per lesson, then tunes
    /// <see cref="LessonRetention"/> by bisection on dry runs (no JSON) of up to 4,000 learners.
    /// </summary>
    public static GeneratorOptions ForStatementCount(long statements, int learners, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statements, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(learners, 1);
        var baseline = new GeneratorOptions { Seed = seed, Learners = learners };
        return baseline.WithStatementCount(statements);
    }

    /// <summary>These options with the card range and retention tuned to land near <paramref name="statements"/>.</summary>
    public GeneratorOptions WithStatementCount(long statements)
    {
        Validate();
        var perLearner = (double)statements / Learners;
        var sample = Math.Min(Learners, 4000);

        // Statements per learner ≈ lessons reached × (cards + 1). Measure lessons reached at the default shape.
        double Measure(GeneratorOptions o) => CourseGenerator.DryRunStatementCount(o, sample) / (double)sample;

        var probe = this with { MinCardsPerLesson = 8, MaxCardsPerLesson = 14, LessonRetention = 0.89 };
        var lessonsReached = Measure(probe) / 12.0;
        var cards = Math.Clamp((perLearner / Math.Max(lessonsReached, 0.5)) - 1, 5, 150);
        var min = Math.Max(5, (int)Math.Round(cards * 0.75));
        var max = Math.Max(min, (int)Math.Round((2 * cards) - min));
        var shaped = this with { MinCardsPerLesson = min, MaxCardsPerLesson = Math.Min(200, max) };

        // Fine-tune: statements grow with retention.
        double lo = 0.05, hi = 0.995;
        var best = shaped with { LessonRetention = 0.89 };
        var bestError = double.MaxValue;
        for (var i = 0; i < 16; i++)
        {
            var mid = Math.Round((lo + hi) / 2, 5);
            var candidate = shaped with { LessonRetention = mid };
            var measured = Measure(candidate);
            var error = Math.Abs(measured - perLearner);
            if (error < bestError)
            {
                bestError = error;
                best = candidate;
            }

            if (measured < perLearner)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return best;
    }
}
