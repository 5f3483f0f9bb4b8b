using System.Text.Json;
using Analytics.Api;
using Analytics.Api.Queries;

namespace Analytics.Tests;

/// <summary>
/// The learners list and the overview read the learner totals (one row per learner) when there is no <c>from</c>, no
/// lesson, and every statement lies before the as-of instant (<c>to</c> or now), their activity windows from the last
/// weeks' learner-lesson-days; otherwise the learner-lesson pairs. A <c>from</c> before every statement selects the
/// same statements through the days of the range, so each answer must equal that one.
/// </summary>
[Collection(AnalyticsCollection.Name)]
public sealed class LearnerTotalsPathTests(AnalyticsFixture analytics)
{
    private static readonly DateTimeOffset BeforeEverything = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(0, 5, 0)]
    [InlineData(3, 7, 0)]
    [InlineData(9, 13, 0)]
    [InlineData(3650, 0, 0)]
    public async Task After_the_last_statement_the_totals_give_the_answers_of_the_days(int days, int hours, int microseconds)
    {
        var now = await LastStatementAsync() + TimeSpan.FromDays(days) + TimeSpan.FromHours(hours) + TimeSpan.FromMicroseconds(microseconds);
        await using var reader = AnalysisReader.Create(analytics.DatabaseConnectionString, "learner-totals-tests");
        var cohort = await BusiestCohortAsync();
        foreach (var filter in new[] { new AnalyticsFilter(null, null, null, null), new AnalyticsFilter(null, null, null, cohort) })
        {
            // As of now, and with to at that instant (now far later).
            foreach (var (asOf, time) in new[] { (filter, new FixedTime(now)), (filter with { To = now }, new FixedTime(now.AddYears(20))) })
            {
                Assert.Equal(AnalysisSource.LearnerTotals, await SourcePlanner.LearnersAsync(reader.DataSource, asOf, now, default));
                await AssertSameAnswersAsync(reader, asOf, time);
            }
        }
        if (days < 7)
        {
            // The windows hold the course's last days, so they were read from the learner-lesson-days.
            var overview = await OverviewQuery.RunAsync(reader, new AnalyticsFilter(null, null, null, null), new FixedTime(now), default);
            Assert.True(overview.ActiveLearners7Days > 0);
        }
    }

    [Fact]
    public async Task With_a_statement_after_the_as_of_instant_the_pairs_answer_and_agree_with_the_days()
    {
        var last = await LastStatementAsync();
        await using var reader = AnalysisReader.Create(analytics.DatabaseConnectionString, "learner-totals-tests");
        var middle = BeforeEverything.AddTicks(await analytics.CountAsync(
            "SELECT (extract(epoch FROM percentile_disc(0.5) WITHIN GROUP (ORDER BY \"timestamp\") - timestamptz '2000-01-01 00:00Z') * 10000000)::bigint FROM analysis.user_activities"));
        // "Now" a microsecond before the last statement (one learner has a statement after it), at it (not before
        // it: the totals take only instants after every statement), and a to inside the course.
        foreach (var (filter, now) in new[]
        {
            (new AnalyticsFilter(null, null, null, null), last - TimeSpan.FromMicroseconds(1)),
            (new AnalyticsFilter(null, null, null, null), last),
            (new AnalyticsFilter(null, middle, null, null), last + TimeSpan.FromDays(1)),
        })
        {
            Assert.NotEqual(AnalysisSource.LearnerTotals, await SourcePlanner.LearnersAsync(reader.DataSource, filter, filter.To ?? now, default));
            await AssertSameAnswersAsync(reader, filter, new FixedTime(now));
        }
        // From and lesson are not the totals' to answer, whenever.
        Assert.NotEqual(AnalysisSource.LearnerTotals, await SourcePlanner.LearnersAsync(reader.DataSource, new AnalyticsFilter(BeforeEverything, null, null, null), last.AddYears(1), default));
        Assert.NotEqual(AnalysisSource.LearnerTotals, await SourcePlanner.LearnersAsync(reader.DataSource, new AnalyticsFilter(null, null, analytics.Truth.Lessons[0].Url, null), last.AddYears(1), default));
    }

    private async Task AssertSameAnswersAsync(AnalysisReader reader, AnalyticsFilter filter, TimeProvider time)
    {
        var days = filter with { From = BeforeEverything };
        var options = new AnalyticsOptions();
        Assert.Equal(Json(await OverviewQuery.RunAsync(reader, days, time, default)), Json(await OverviewQuery.RunAsync(reader, filter, time, default)));
        foreach (var sort in new[] { "userId", "atRisk", "progress", "lastSeen", "lessonsCompleted" })
        {
            foreach (var paging in new[] { new Paging(1, 1000, sort, Descending: true), new Paging(2, 7, sort, Descending: false) })
            {
                var learners = await LearnersQuery.RunAsync(reader, filter, paging, options, time, default);
                Assert.True(learners.Total > 0);
                Assert.Equal(Json(await LearnersQuery.RunAsync(reader, days, paging, options, time, default)), Json(learners));
            }
        }
        // Past the last page: no learners, the same total.
        var past = await LearnersQuery.RunAsync(reader, filter, new Paging(1000, 50, "userId", Descending: false), options, time, default);
        Assert.Empty(past.Items);
        Assert.Equal((await LearnersQuery.RunAsync(reader, days, new Paging(1, 1, "userId", Descending: false), options, time, default)).Total, past.Total);
        var learner = (await LearnersQuery.RunAsync(reader, filter, new Paging(1, 1, "atRisk", Descending: true), options, time, default)).Items[0].UserId;
        Assert.Equal(Json((await LearnersQuery.FindAsync(reader, learner, days, options, time, default))!.Summary),
            Json((await LearnersQuery.FindAsync(reader, learner, filter, options, time, default))!.Summary));
    }

    private async Task<DateTimeOffset> LastStatementAsync() => BeforeEverything.AddTicks(await analytics.CountAsync(
        "SELECT (extract(epoch FROM max(\"timestamp\") - timestamptz '2000-01-01 00:00Z') * 10000000)::bigint FROM analysis.user_activities"));

    /// <summary>The week most learners started in (a cohort that selects some learners and leaves others out).</summary>
    private async Task<DateOnly> BusiestCohortAsync() => DateOnly.FromDateTime(BeforeEverything.UtcDateTime).AddDays((int)await analytics.CountAsync("""
        SELECT (date_trunc('week', first_seen AT TIME ZONE 'UTC')::date - date '2000-01-01')::bigint
        FROM analysis.users GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
        """));

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
