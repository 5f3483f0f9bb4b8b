namespace Analytics.Tests;

/// <summary>
/// Answers compared with the ground truth the generator planted, for each generated course a subclass names: lessons,
/// the dropoff funnel, the overview, engagement by day and by week and cohort, answer distributions and quiz rates.
/// </summary>
public abstract class GroundTruthTests(AnalyticsFixture analytics)
{
    private readonly HttpClient _client = analytics.Client();

    [Fact]
    public async Task Lessons_report_started_and_completed_learners_as_planted()
    {
        var items = (await _client.GetJsonAsync("/api/analytics/lessons?pageSize=100"))!["items"]!.AsArray();

        Assert.Equal(analytics.Truth.Lessons.Count(lesson => lesson.Started > 0), items.Count);
        foreach (var lesson in analytics.Truth.Lessons.Where(lesson => lesson.Started > 0))
        {
            var row = items.Single(item => item!["lessonUrl"]!.GetValue<string>() == lesson.Url)!;
            Assert.Equal(lesson.Started, row["started"]!.GetValue<long>());
            Assert.Equal(lesson.Completed, row["completed"]!.GetValue<long>());
        }
    }

    [Fact]
    public async Task The_lesson_outline_lists_every_lesson_in_course_order_labelled_as_the_lessons_list_labels_it()
    {
        var outline = (await _client.GetJsonAsync("/api/analytics/lessons/outline"))!.AsArray();
        var planted = analytics.Truth.Lessons.Where(lesson => lesson.Started > 0).OrderBy(lesson => lesson.Number).ToList();

        Assert.Equal(planted.Select(lesson => lesson.Url), outline.Select(lesson => lesson!["lessonUrl"]!.GetValue<string>()));
        // Numbered and named as the lessons list has them (from the catalogue, when one is loaded).
        var listed = (await _client.GetJsonAsync("/api/analytics/lessons?pageSize=100"))!["items"]!.AsArray()
            .ToDictionary(lesson => lesson!["lessonUrl"]!.GetValue<string>(), Label);
        Assert.Equal(planted.Select(lesson => listed[lesson.Url]), outline.Select(Label));
    }

    private static string Label(JsonNode? lesson) => $"{lesson!["lessonNumber"]?.GetValue<string>()}|{lesson["lessonName"]?.GetValue<string>()}";

    [Fact]
    public async Task The_dropoff_funnel_follows_course_order_and_matches_where_learners_stopped()
    {
        var steps = (await _client.GetJsonAsync("/api/analytics/dropoff"))!.AsArray();
        var planted = analytics.Truth.Lessons.Where(lesson => lesson.Started > 0).OrderBy(lesson => lesson.Number).ToList();

        Assert.Equal(planted.Select(lesson => lesson.Url), steps.Select(step => step!["lessonUrl"]!.GetValue<string>()));
        Assert.Equal(planted.Select(lesson => (long)lesson.Started), steps.Select(step => step!["reached"]!.GetValue<long>()));
        Assert.Equal(planted.Select(lesson => (long)lesson.Dropoff), steps.Select(step => step!["stoppedHere"]!.GetValue<long>()));
    }

    [Fact]
    public async Task The_overview_counts_learners_lessons_and_statements()
    {
        var overview = (await _client.GetJsonAsync("/api/analytics/overview"))!;
        var activities = analytics.Truth.Statements - analytics.Truth.VoidingStatements - analytics.Truth.Voided;

        Assert.Equal(analytics.Truth.ActiveLearners, overview["learners"]!.GetValue<long>());
        Assert.Equal(activities, overview["statements"]!.GetValue<long>());
        Assert.Equal(analytics.Truth.Lessons.Count(lesson => lesson.Started > 0), overview["lessons"]!.GetValue<long>());
    }

    [Fact]
    public async Task Daily_engagement_adds_up_to_every_statement_and_matches_each_day()
    {
        var points = (await _client.GetJsonAsync("/api/analytics/engagement?interval=day"))!.AsArray();
        var activities = analytics.Truth.Statements - analytics.Truth.VoidingStatements - analytics.Truth.Voided;

        Assert.Equal(activities, points.Sum(point => point!["statements"]!.GetValue<long>()));
        var busiest = analytics.Truth.Daily.MaxBy(day => day.ActiveLearners)!;
        var row = points.Single(point => point!["period"]!.GetValue<string>() == busiest.Date.ToString("yyyy-MM-dd"))!;
        Assert.Equal(busiest.ActiveLearners, row["activeLearners"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_poll_answer_distribution_matches_the_planted_answers()
    {
        var poll = analytics.Truth.Questions.Where(question => question.CardType == "poll" && question.Answers > 0).OrderByDescending(question => question.Answers).First();

        var answers = (await _client.GetJsonAsync($"/api/analytics/questions/answers?questionId={Uri.EscapeDataString(poll.Id)}"))!;

        var distribution = answers["distribution"]!.AsArray().ToDictionary(choice => choice!["choiceId"]!.GetValue<string>(), choice => choice!["count"]!.GetValue<long>());
        foreach (var (choice, count) in poll.Distribution!)
        {
            Assert.Equal(count, distribution[choice]);
        }
    }

    [Fact]
    public async Task Questions_report_answers_and_quiz_correct_rates_as_planted()
    {
        var items = (await _client.GetJsonAsync("/api/analytics/questions?pageSize=1000"))!["items"]!.AsArray();
        var answered = analytics.Truth.Questions.Where(question => question.Answers > 0).ToList();

        Assert.Contains(answered, question => question.Correct is not null);
        foreach (var question in answered)
        {
            var row = items.Single(item => item!["questionId"]!.GetValue<string>() == question.Id)!;
            Assert.Equal(question.Answers, row["answers"]!.GetValue<long>());
            if (question.Correct is { } correct)
            {
                Assert.Equal(Math.Round((double)correct / question.Answers, 4), row["correctRate"]!.GetValue<double>(), 4);
            }
        }
    }

    [Fact]
    public async Task Weekly_engagement_by_cohort_splits_each_week_without_losing_or_doubling_learners()
    {
        var weeks = (await _client.GetJsonAsync("/api/analytics/engagement?interval=week"))!.AsArray();
        var byCohort = (await _client.GetJsonAsync("/api/analytics/engagement?interval=week&byCohort=true"))!.AsArray();
        var activities = analytics.Truth.Statements - analytics.Truth.VoidingStatements - analytics.Truth.Voided;

        Assert.True(byCohort.Count > weeks.Count);
        Assert.Equal(activities, byCohort.Sum(point => point!["statements"]!.GetValue<long>()));
        foreach (var week in weeks)
        {
            var period = week!["period"]!.GetValue<string>();
            var split = byCohort.Where(point => point!["period"]!.GetValue<string>() == period).ToList();
            Assert.Equal(week["activeLearners"]!.GetValue<long>(), split.Sum(point => point!["activeLearners"]!.GetValue<long>()));
            Assert.Equal(week["statements"]!.GetValue<long>(), split.Sum(point => point!["statements"]!.GetValue<long>()));
        }
    }
}

/// <summary>Seed 11, 80 learners, 3 cohorts, 2 % of answers voided later (<see cref="AnalyticsFixture"/>).</summary>
[Collection(AnalyticsCollection.Name)]
public sealed class SmallCourseTruthTests(AnalyticsFixture analytics) : GroundTruthTests(analytics);

/// <summary>Another seed, five times the learners, more cohorts and more voiding (<see cref="LargerCourseFixture"/>).</summary>
[Collection(LargerCourseCollection.Name)]
public sealed class LargerCourseTruthTests(LargerCourseFixture analytics) : GroundTruthTests(analytics);
