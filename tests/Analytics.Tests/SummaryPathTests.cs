using System.Text.Json;
using Analytics.Api;
using Analytics.Api.Queries;

namespace Analytics.Tests;

/// <summary>
/// Without a date range the whole-course queries read the whole-time summaries (learner_lessons,
/// question_answer_counts); with one, the learner-lesson-days and the responses. A <c>from</c> before every
/// statement selects the same statements, so both paths must give the same answers, also when "now" falls inside
/// the course: then many learner-lesson pairs span the activity windows and are read from their days instead.
/// </summary>
[Collection(AnalyticsCollection.Name)]
public sealed class SummaryPathTests(AnalyticsFixture analytics)
{
    private static readonly DateTimeOffset BeforeEverything = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(14)]
    [InlineData(3650)]
    public async Task Without_a_date_range_the_answers_equal_those_over_the_days(int daysAfterAPairsMiddle)
    {
        // "Now" this many days after the middle of the learner-lesson pair with the longest time between its first
        // and last statement: so that pair spans now (0), or the 7- or 14-day windows' start; or after everything.
        var middleMicros = await analytics.CountAsync("""
            SELECT (extract(epoch FROM first_at + (last_at - first_at) / 2) * 1000000)::bigint
            FROM analysis.learner_lessons ORDER BY last_at - first_at DESC, user_id, lesson_url LIMIT 1
            """);
        var now = DateTimeOffset.UnixEpoch.AddTicks(middleMicros * 10).AddDays(daysAfterAPairsMiddle);
        var time = new FixedTime(now);
        var spanned = await analytics.CountAsync($"""
            SELECT count(*) FROM analysis.learner_lessons
            WHERE first_at < to_timestamp({middleMicros} / 1000000.0) AND last_at > to_timestamp({middleMicros} / 1000000.0)
            """);
        Assert.True(spanned > 0);
        var lesson = analytics.Truth.Lessons.Where(lesson => lesson.Started > 0).OrderByDescending(lesson => lesson.Started).First().Url;
        var cohort = DateOnly.FromDateTime(BeforeEverything.UtcDateTime).AddDays((int)await analytics.CountAsync(
            "SELECT (date_trunc('week', min(first_seen) AT TIME ZONE 'UTC')::date - date '2000-01-01')::bigint FROM analysis.users"));

        await using var reader = AnalysisReader.Create(analytics.DatabaseConnectionString, "summary-path-tests");
        var options = new AnalyticsOptions();
        var all = new Paging(1, 1000, "userId", Descending: false);
        foreach (var filter in new[] { new AnalyticsFilter(null, null, null, null), new AnalyticsFilter(null, null, lesson, null), new AnalyticsFilter(null, null, null, cohort) })
        {
            var days = filter with { From = BeforeEverything };
            Assert.Equal(Json(await OverviewQuery.RunAsync(reader, days, time, default)), Json(await OverviewQuery.RunAsync(reader, filter, time, default)));
            Assert.Equal(Json(await LessonsQuery.RunAsync(reader, days, all with { SortColumn = "lessonUrl" }, default)),
                Json(await LessonsQuery.RunAsync(reader, filter, all with { SortColumn = "lessonUrl" }, default)));
            Assert.Equal(Json(await DropoffQuery.RunAsync(reader, days, default)), Json(await DropoffQuery.RunAsync(reader, filter, default)));
            var learners = await LearnersQuery.RunAsync(reader, filter, all, options, time, default);
            Assert.True(learners.Total > 0);
            Assert.Equal(Json(await LearnersQuery.RunAsync(reader, days, all, options, time, default)), Json(learners));
            Assert.Equal(Json(await QuestionsQuery.RunAsync(reader, days, all with { SortColumn = "questionId" }, default)),
                Json(await QuestionsQuery.RunAsync(reader, filter, all with { SortColumn = "questionId" }, default)));
        }
    }

    [Fact]
    public async Task Engagement_over_the_whole_course_equals_engagement_over_the_days_of_a_range_holding_everything()
    {
        // Without filters engagement reads the learner-lesson-days in the order of an index (learner, week, day);
        // with a from, through the days of the range (the path filtered requests take).
        await using var reader = AnalysisReader.Create(analytics.DatabaseConnectionString, "summary-path-tests");
        var whole = new AnalyticsFilter(null, null, null, null);
        foreach (var (weekly, byCohort) in new[] { (false, false), (false, true), (true, false), (true, true) })
        {
            var points = await EngagementQuery.RunAsync(reader, whole, weekly, byCohort, default);
            Assert.True(points.Select(point => point.Period).Distinct().Count() > 1);
            Assert.Equal(Json(await EngagementQuery.RunAsync(reader, whole with { From = BeforeEverything }, weekly, byCohort, default)), Json(points));
        }
    }

    [Fact]
    public async Task Questions_over_whole_days_count_the_responses_of_those_days_and_other_ranges_read_the_responses()
    {
        // A week from the midnight before the course's middle response: the per-day counts answer it.
        var middleDay = await analytics.CountAsync("""
            SELECT (percentile_disc(0.5) WITHIN GROUP (ORDER BY ("timestamp" AT TIME ZONE 'UTC')::date) - date '2000-01-01')::bigint
            FROM analysis.user_responses
            """);
        var from = BeforeEverything.AddDays(middleDay);
        var week = new AnalyticsFilter(from, from.AddDays(7), null, null);
        // Half a day later at both ends: not whole days, so the responses themselves are counted.
        var shifted = week with { From = from.AddHours(12), To = from.AddDays(7).AddHours(12) };
        Assert.True(week.HasWholeUtcDays);
        Assert.False(shifted.HasWholeUtcDays);

        await using var reader = AnalysisReader.Create(analytics.DatabaseConnectionString, "summary-path-tests");
        foreach (var filter in new[] { week, shifted })
        {
            var expected = await ResponsesPerQuestionAsync(filter);
            Assert.NotEmpty(expected);
            var questions = await QuestionsQuery.RunAsync(reader, filter, new Paging(1, 1000, "questionId", Descending: false), default);
            Assert.Equal(expected, questions.Items.Where(question => question.Answers > 0).ToDictionary(question => question.QuestionId, question => question.Answers));
        }
    }

    [Fact]
    public async Task Sentiment_from_the_daily_counts_equals_sentiment_from_the_answers()
    {
        // Over all time, one lesson, and a fortnight from the midnight before the course's middle answer; each
        // against the same answers selected by a range a microsecond wider, which is not whole days: read from the answers.
        var middleDay = await analytics.CountAsync("""
            SELECT (percentile_disc(0.5) WITHIN GROUP (ORDER BY ("timestamp" AT TIME ZONE 'UTC')::date) - date '2000-01-01')::bigint
            FROM analysis.user_responses WHERE sentiment IS NOT NULL
            """);
        var from = BeforeEverything.AddDays(middleDay);
        var lesson = analytics.Truth.Lessons.Where(lesson => lesson.Started > 0).OrderByDescending(lesson => lesson.Started).First().Url;
        var filters = new[]
        {
            (Counts: new AnalyticsFilter(null, null, null, null), Answers: new AnalyticsFilter(BeforeEverything.AddTicks(-10), null, null, null)),
            (Counts: new AnalyticsFilter(null, null, lesson, null), Answers: new AnalyticsFilter(BeforeEverything.AddTicks(-10), null, lesson, null)),
            (Counts: new AnalyticsFilter(from, from.AddDays(14), null, null), Answers: new AnalyticsFilter(from.AddTicks(-10), from.AddDays(14), null, null)),
        };

        await using var reader = AnalysisReader.Create(analytics.DatabaseConnectionString, "summary-path-tests");
        var all = new Paging(1, 1000, "group", Descending: false);
        foreach (var (counts, answers) in filters)
        {
            Assert.Equal(AnalysisSource.FreeTextSentimentCounts, SourcePlanner.Sentiment(counts, byCohort: false));
            Assert.Equal(AnalysisSource.Facts, SourcePlanner.Sentiment(answers, byCohort: false));
            foreach (var groupBy in new[] { "lesson", "question", "day", "week" })
            {
                var expected = (await SentimentQuery.RunAsync(reader, answers, groupBy, null, all, default)).Items;
                var actual = (await SentimentQuery.RunAsync(reader, counts, groupBy, null, all, default)).Items;
                Assert.NotEmpty(expected);
                Assert.Equal(expected.Select(group => group with { MeanScore = 0 }), actual.Select(group => group with { MeanScore = 0 }));
                // The counts' mean is exact (a numeric sum), the answers' a float average: equal to within the rounding.
                Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.MeanScore, pair.Second.MeanScore, 0.00011));
            }
        }
    }

    /// <summary>Counted here from the responses themselves.</summary>
    private async Task<Dictionary<string, long>> ResponsesPerQuestionAsync(AnalyticsFilter filter)
    {
        await using var connection = new Npgsql.NpgsqlConnection(analytics.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            """SELECT question_id, count(*) FROM analysis.user_responses WHERE "timestamp" >= $1 AND "timestamp" < $2 AND question_id IS NOT NULL GROUP BY 1""",
            connection);
        command.Parameters.AddWithValue(filter.From!.Value.UtcDateTime);
        command.Parameters.AddWithValue(filter.To!.Value.UtcDateTime);
        var counts = new Dictionary<string, long>();
        await using var rows = await command.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            counts[rows.GetString(0)] = rows.GetInt64(1);
        }
        return counts;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
