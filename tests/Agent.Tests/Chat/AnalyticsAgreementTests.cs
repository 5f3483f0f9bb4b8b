using System.Net.Http.Json;

namespace Agent.Tests.Chat;

/// <summary>
/// Seven's themes, flagged answers, card distributions and learner summaries agree with the analytics API's (what the
/// dashboard shows) on the same data, and the SQL an answer carries reproduces its rows (themes: the answers ranked).
/// </summary>
[Collection(AgentCollection.Name)]
public sealed class AnalyticsAgreementTests(AgentFixture agent)
{
    private readonly HttpClient _seven = agent.Client();

    private Task<JsonObject> AnalyticsAsync(string pathAndQuery) => agent.AnalyticsAsync(pathAndQuery);

    private async Task<JsonObject> RerunAsync(JsonObject answer)
    {
        using var rerun = await _seven.PostAsJsonAsync("/api/agent/query", new { sql = answer["sql"]!.GetValue<string>(), parameters = answer["parameters"] });
        Assert.Equal(HttpStatusCode.OK, rerun.StatusCode);
        return (await rerun.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task Themes_are_the_dashboards_themes()
    {
        var answer = await _seven.AskAsync("What themes come up in the reflections?");
        var dashboard = await AnalyticsAsync("/api/analytics/themes?pageSize=10");

        Assert.True(answer.Answered());
        var items = dashboard["items"]!.AsArray();
        Assert.Equal(10, items.Count);
        Assert.Equal(items.Select(item => item!["phrase"]!.GetValue<string>()), answer.Texts("phrase"));
        Assert.Equal(items.Select(item => (double?)item!["answers"]!.GetValue<long>()), answer.Numbers("answers"));
        Assert.Equal(items.Select(item => (double?)item!["score"]!.GetValue<double>()), answer.Numbers("score"));
        Assert.All(answer.Numbers("answers_analysed"), n => Assert.Equal(dashboard["answersAnalysed"]!.GetValue<int>(), n));
        Assert.Equal("bar", answer["chart"]!["data"]![0]!["type"]!.GetValue<string>());
        Assert.Contains(answer["assumptions"]!.AsArray(), a => a!.GetValue<string>().StartsWith("themes are the keyphrases"));

        // The SQL reads the answers the phrases were ranked from: as many as were analysed.
        var sample = await RerunAsync(answer);
        Assert.Equal(agent.Truth.FreeText.Answers, sample["rows"]![0]![0]!.GetValue<long>());

        // Narrowed to one lesson, as the dashboard's lesson filter narrows them.
        var lesson = agent.Truth.Lessons.Where(l => l.Started > 0).OrderBy(l => l.Number).ElementAt(2);
        var inLesson = await _seven.AskAsync("What themes come up in answers to lesson 3?");
        var dashboardLesson = await AnalyticsAsync($"/api/analytics/themes?pageSize=10&lesson={Uri.EscapeDataString(lesson.Url)}");
        Assert.Equal(dashboardLesson["items"]!.AsArray().Select(item => item!["phrase"]!.GetValue<string>()), inLesson.Texts("phrase"));
    }

    [Fact]
    public async Task Trending_themes_are_the_dashboards_trending_themes()
    {
        var month = agent.Truth.Daily.GroupBy(day => new DateOnly(day.Date.Year, day.Date.Month, 1)).MaxBy(group => group.Count())!.Key;
        var answer = await _seven.AskAsync($"What's trending in {month.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}?");
        var dashboard = await AnalyticsAsync($"/api/analytics/themes/trending?pageSize=1000&from={month:yyyy-MM-dd}T00:00:00Z&to={month.AddMonths(1):yyyy-MM-dd}T00:00:00Z");

        Assert.True(answer.Answered());
        // The dashboard lists every compared phrase by change; Seven shows those that rose, the first ten.
        var rising = dashboard["items"]!.AsArray().Where(item => item!["change"]!.GetValue<long>() > 0).Take(10).ToList();
        Assert.NotEmpty(rising);
        Assert.Equal(rising.Select(item => item!["phrase"]!.GetValue<string>()), answer.Texts("phrase"));
        Assert.Equal(rising.Select(item => (double?)item!["change"]!.GetValue<long>()), answer.Numbers("change"));
        Assert.Equal(rising.Select(item => (double?)item!["previous"]!.GetValue<long>()), answer.Numbers("previous"));
        Assert.All(answer.Numbers("answers_analysed"), n => Assert.Equal(dashboard["answersAnalysed"]!.GetValue<int>(), n));
        Assert.All(answer.Numbers("previous_answers_analysed"), n => Assert.Equal(dashboard["previousAnswersAnalysed"]!.GetValue<int>(), n));
        // The newest answers with the risen phrases are quoted as evidence, and the chart draws the change.
        Assert.Contains($"> — with \"{rising[0]!["phrase"]!.GetValue<string>()}\"", answer["answer"]!.GetValue<string>());
        Assert.Equal("bar", answer["chart"]!["data"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Flagged_answers_are_the_dashboards_flagged_answers()
    {
        var answer = await _seven.AskAsync("Which answers were flagged?");
        var dashboard = await AnalyticsAsync("/api/analytics/responses/flagged?pageSize=1000");

        var ids = dashboard["items"]!.AsArray().Select(item => item!["statementId"]!.GetValue<string>()).Order().ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(ids, answer.Texts("statement_id").Select(id => id!).Order().ToList());
        Assert.All(answer.Numbers("flagged_answers"), n => Assert.Equal(ids.Count, n));
        Assert.All(answer.Texts("matched_terms"), terms => Assert.False(string.IsNullOrEmpty(terms)));
        // Each flagged answer is quoted as evidence.
        Assert.Equal(ids.Count, answer["answer"]!.GetValue<string>().Split("watch-list terms:").Length - 1);
        Assert.Equal(answer["rows"]!.ToJsonString(), (await RerunAsync(answer))["rows"]!.ToJsonString());
    }

    [Fact]
    public async Task A_cards_distribution_is_the_dashboards()
    {
        var answer = await _seven.AskAsync("How did learners answer card 1 of lesson 1?");
        var card = answer["parameters"]![0]!.GetValue<string>();
        var dashboard = await AnalyticsAsync($"/api/analytics/questions/answers?questionId={Uri.EscapeDataString(card)}");

        var distribution = dashboard["distribution"]!.AsArray();
        Assert.Equal(distribution.Select(choice => choice!["choiceId"]!.GetValue<string>()), answer.Texts("choice_id"));
        Assert.Equal(distribution.Select(choice => (double?)choice!["count"]!.GetValue<long>()), answer.Numbers("answers"));
        Assert.Equal("bar", answer["chart"]!["data"]![0]!["type"]!.GetValue<string>());
        Assert.Contains(answer["assumptions"]!.AsArray(), a => a!.GetValue<string>().StartsWith("card 1 of lesson 1 is the "));
        Assert.Equal(answer["rows"]!.ToJsonString(), (await RerunAsync(answer))["rows"]!.ToJsonString());
    }

    [Fact]
    public async Task A_learners_summary_is_the_dashboards_learner_and_an_unknown_one_is_declined()
    {
        var learner = new SevenTaps.Generator.CourseGenerator(agent.Truth.Options).LearnerTruths().MaxBy(l => l.Lessons.Count)!;
        var answer = await _seven.AskAsync($"summarise learner {learner.AccountName}");
        var dashboard = (await AnalyticsAsync($"/api/analytics/learners/{learner.AccountName}"))["summary"]!;

        Assert.True(answer.Answered());
        Assert.Equal(dashboard["lessonsStarted"]!.GetValue<long>(), answer.Numbers("lesson").Count);
        Assert.Equal(dashboard["lessonsCompleted"]!.GetValue<long>(), answer.Texts("completed").Count(c => c == "true"));
        Assert.Contains(answer["assumptions"]!.AsArray(), a => a!.GetValue<string>().Contains($"id {learner.AccountName}, cohort "));
        Assert.Equal("bar", answer["chart"]!["data"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(answer["rows"]!.ToJsonString(), (await RerunAsync(answer))["rows"]!.ToJsonString());

        // A follow-up narrows the same learner to one lesson.
        var narrowed = await _seven.AskAsync("and for lesson 1?", answer["conversationId"]!.GetValue<string>());
        Assert.Equal([1.0], narrowed.Numbers("lesson"));

        var unknown = await _seven.AskAsync("what has jane@example.com done?");
        Assert.False(unknown.Answered());
        Assert.Contains("no learner \"jane@example.com\"", unknown["answer"]!.GetValue<string>());
        Assert.Null(unknown["sql"]);
    }

    [Fact]
    public async Task Cohorts_add_up_to_the_course_and_their_sql_reproduces_them()
    {
        var answer = await _seven.AskAsync("compare engagement between cohorts");
        var overview = await _seven.AskAsync("How many statements were recorded?");

        Assert.Equal(overview.Numbers("statements").Single(), answer.Numbers("statements").Sum());
        Assert.Equal((double)agent.Truth.Learners, answer.Numbers("learners").Sum());
        Assert.Equal("bar", answer["chart"]!["data"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(answer["rows"]!.ToJsonString(), (await RerunAsync(answer))["rows"]!.ToJsonString());
    }
}
