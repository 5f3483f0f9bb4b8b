using SevenTaps.Generator;

namespace SevenTaps.Generator.Tests;

/// <summary>A course that ends "now" (the demo): in progress today, the truth still exact.</summary>
public class InProgressTests
{
    private static readonly DateTimeOffset End = new(2026, 12, 1, 15, 30, 0, TimeSpan.Zero);

    /// <summary>The demo's shape: a cohort every two weeks until two weeks ago.</summary>
    private static GeneratorOptions InProgress(int seed) => (Fixtures.Small(seed) with { Cohorts = 6, CohortSpread = 1.0 }).EndingAt(End);

    [Fact]
    public void TheCoursesLastDayIsTheEndsDateAndNothingIsLater()
    {
        var options = InProgress(7);
        var set = Fixtures.Get(options);
        Assert.Equal(new DateOnly(2026, 12, 1), options.CourseStart.AddDays((7 * options.Weeks) - 1));
        Assert.All(set.Statements, s => Assert.True(s.Timestamp < End, $"{s.Timestamp:O} is not before {End:O}"));
        Assert.Equal(new DateOnly(2026, 12, 1), DateOnly.FromDateTime(set.Statements.Max(s => s.Timestamp).UtcDateTime));
        Assert.Equal(new DateOnly(2026, 12, 1), set.Truth.Daily[^1].Date);
    }

    [Fact]
    public void LearnersAreStillActiveAndTheirLastActivityVaries()
    {
        var set = Fixtures.Get(InProgress(7));
        var lastSeen = set.Statements.GroupBy(s => s.LearnerIndex).Select(g => g.Max(s => s.Timestamp)).ToList();
        var activeLastWeek = lastSeen.Count(time => time >= End.AddDays(-7));
        Assert.InRange(activeLastWeek, set.Truth.Learners / 10, set.Truth.Learners);
        // Learners stopped on many different days, so their inactivity (and risk) differs.
        Assert.True(lastSeen.Select(time => time.UtcDateTime.Date).Distinct().Count() > 20);
    }

    [Fact]
    public void TheTruthIsExactAndTheSameEndGivesTheSameStatements()
    {
        var options = InProgress(11);
        var set = Fixtures.Get(options);
        var again = new CourseGenerator(InProgress(11));
        Assert.Equal(set.Statements.Select(s => s.Json), again.Statements().Select(s => s.Json));
        // A dry run's truth equals the truth counted from the emitted statements.
        Assert.Equal(set.Truth.ToJson(), new CourseGenerator(options).Truth.ToJson());
        Assert.Equal(set.Statements.Count, set.Truth.Statements);
        Assert.Equal(set.Statements.Max(s => s.Timestamp), set.Truth.LastTimestamp);
    }

    [Fact]
    public void AnEndOutsideThePeriodsLastDayIsRejected() =>
        Assert.Throws<ArgumentException>(() => new CourseGenerator(Fixtures.Small(7) with { EndAt = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero) }));
}
