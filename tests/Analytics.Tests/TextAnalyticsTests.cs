using SevenTaps.Generator;
using SevenTaps.Text;

namespace Analytics.Tests;

/// <summary>Themes, sentiment and the watch list against the free text the generator planted (themes, tones, concerning phrases).</summary>
[Collection(AnalyticsCollection.Name)]
public sealed class TextAnalyticsTests(AnalyticsFixture analytics)
{
    private readonly HttpClient _client = analytics.Client();

    /// <summary>The generated free-text answers that were not voided, regenerated from the same options: what the API should see.</summary>
    private IReadOnlyList<(Guid Id, DateTimeOffset Timestamp, string Text, FreeTextLabel Label)> PlantedAnswers()
    {
        var voided = analytics.Truth.VoidedStatementIds.ToHashSet();
        return new CourseGenerator(analytics.Truth.Options).Statements()
            .Where(statement => statement.FreeText is not null && !voided.Contains(statement.Id))
            .Select(statement => (statement.Id, statement.Timestamp, JsonNode.Parse(statement.Json)!["result"]!["response"]!.GetValue<string>(), statement.FreeText!))
            .ToList();
    }

    [Fact]
    public async Task The_top_themes_are_the_planted_themes_and_count_every_answer_that_is_not_voided()
    {
        var report = (await GetJsonAsync("/api/analytics/themes?pageSize=30"))!;
        var themes = report["items"]!.AsArray();

        // Voided answers count for nothing: exactly the planted answers that stayed are analysed.
        Assert.Equal(analytics.Truth.FreeText.Answers, report["answersAnalysed"]!.GetValue<int>());
        Assert.False(report["sampled"]!.GetValue<bool>());
        var phrases = themes.Select(theme => theme!["phrase"]!.GetValue<string>()).ToList();
        var found = FreeTextBank.ThemeKeywords.Where(theme => phrases.Any(theme.Value.Contains)).Select(theme => theme.Key).ToList();
        Assert.True(found.Count >= 6, $"planted themes among the top 30 keyphrases: {string.Join(", ", found)} of {string.Join(", ", phrases)}");

        // Each count is the number of planted answers containing the phrase, and every example contains it.
        var answers = PlantedAnswers();
        foreach (var theme in themes.Take(10))
        {
            var phrase = theme!["phrase"]!.GetValue<string>();
            Assert.Equal(answers.Count(answer => NGrams.Of(answer.Text).Contains(phrase)), theme["answers"]!.GetValue<long>());
            Assert.All(theme["examples"]!.AsArray(), example => Assert.Contains(phrase, NGrams.Of(example!.GetValue<string>())));
        }
    }

    [Fact]
    public async Task Themes_of_one_question_come_from_its_answers_only()
    {
        var form = analytics.Truth.Questions.Where(question => question.CardType == "form").MaxBy(question => question.Answers)!;

        var report = (await GetJsonAsync($"/api/analytics/themes?questionId={Uri.EscapeDataString(form.Id)}"))!;

        Assert.Equal(form.Answers, report["answersAnalysed"]!.GetValue<int>());
        Assert.NotEmpty(report["items"]!.AsArray());
    }

    [Fact]
    public async Task Trending_themes_compare_a_period_with_the_one_before_it()
    {
        var answers = PlantedAnswers();
        var first = answers.Min(answer => answer.Timestamp);
        var end = answers.Max(answer => answer.Timestamp).AddSeconds(1);
        var middle = first + ((end - first) / 2);
        var url = $"/api/analytics/themes/trending?from={Uri.EscapeDataString(middle.ToString("O"))}&to={Uri.EscapeDataString(end.ToString("O"))}&pageSize=1000";

        var report = (await GetJsonAsync(url))!;

        var previousFrom = middle - (end - middle);
        Assert.Equal(answers.Count(answer => answer.Timestamp >= middle && answer.Timestamp < end), report["answersAnalysed"]!.GetValue<int>());
        Assert.Equal(answers.Count(answer => answer.Timestamp >= previousFrom && answer.Timestamp < middle), report["previousAnswersAnalysed"]!.GetValue<int>());
        var items = report["items"]!.AsArray();
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            long current = item!["current"]!.GetValue<long>(), previous = item["previous"]!.GetValue<long>();
            Assert.Equal(current - previous, item["change"]!.GetValue<long>());
            Assert.Equal(previous == 0, item["isNew"]!.GetValue<bool>());
        }
        var top = items[0]!;
        var phrase = top["phrase"]!.GetValue<string>();
        Assert.Equal(answers.Count(answer => answer.Timestamp >= middle && answer.Timestamp < end && NGrams.Of(answer.Text).Contains(phrase)), top["current"]!.GetValue<long>());
        // Sorted by change, largest first.
        Assert.Equal(items.Select(item => item!["change"]!.GetValue<long>()).OrderDescending(), items.Select(item => item!["change"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Sentiment_counts_agree_with_the_planted_tones()
    {
        var groups = (await GetJsonAsync("/api/analytics/sentiment?groupBy=lesson&pageSize=1000"))!["items"]!.AsArray();
        long Sum(string name) => groups.Sum(group => group![name]!.GetValue<long>());
        var truth = analytics.Truth.FreeText;

        Assert.Equal(truth.Answers, Sum("answers"));
        Assert.Equal(truth.Answers, Sum("positive") + Sum("neutral") + Sum("negative"));
        // VADER is a general-purpose lexicon: neutral answers with a mild word ("calm", "okay") lean positive, so
        // its positive and negative counts run above the planted ones (measured on this data: see docs/analytics.md).
        Assert.InRange(Sum("positive"), truth.Tones[FreeTextBank.Positive] * 0.85, truth.Tones[FreeTextBank.Positive] * 1.35);
        Assert.InRange(Sum("negative"), truth.Tones[FreeTextBank.Negative] * 0.85, truth.Tones[FreeTextBank.Negative] * 1.40);
        // Each answer's stored score is the analyser's score of its text.
        var answers = PlantedAnswers();
        var expectedMean = answers.Average(answer => SentimentAnalyzer.Compound(answer.Text));
        var mean = groups.Sum(group => group!["meanScore"]!.GetValue<double>() * group["answers"]!.GetValue<long>()) / truth.Answers;
        Assert.Equal(expectedMean, mean, 3);
    }

    [Theory]
    [InlineData("question")]
    [InlineData("cohort")]
    [InlineData("day")]
    [InlineData("week")]
    public async Task Every_grouping_of_sentiment_adds_up_to_every_answer(string groupBy)
    {
        var groups = (await GetJsonAsync($"/api/analytics/sentiment?groupBy={groupBy}&pageSize=1000"))!;

        Assert.Equal(analytics.Truth.FreeText.Answers, groups["items"]!.AsArray().Sum(group => group!["answers"]!.GetValue<long>()));
        if (groupBy is "cohort" or "week")
        {
            // Cohorts and weeks are named by their Monday (UTC).
            Assert.All(groups["items"]!.AsArray(), group => Assert.Equal(DayOfWeek.Monday, DateOnly.Parse(group!["group"]!.GetValue<string>()).DayOfWeek));
        }
    }

    [Fact]
    public async Task The_default_watch_list_flags_exactly_the_concerning_answers()
    {
        var flagged = (await GetJsonAsync("/api/analytics/responses/flagged?pageSize=1000"))!;
        var items = flagged["items"]!.AsArray();

        Assert.NotEmpty(analytics.Truth.FreeText.ConcerningStatementIds);
        Assert.Equal(analytics.Truth.FreeText.ConcerningStatementIds.Order(), items.Select(item => Guid.Parse(item!["statementId"]!.GetValue<string>())).Order());
        Assert.All(items, item => Assert.NotEmpty(item!["matchedTerms"]!.AsArray()));
    }

    [Fact]
    public async Task Text_lists_export_as_csv()
    {
        using var themes = await _client.GetAsync("/api/analytics/themes?format=csv&pageSize=5");
        var lines = (await themes.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", themes.Content.Headers.ContentType?.MediaType);
        Assert.Equal("phrase,answers,share,score,examples", lines[0]);
        Assert.Equal(6, lines.Length);

        using var sentiment = await _client.GetAsync("/api/analytics/sentiment?groupBy=week&format=csv");
        Assert.StartsWith("group,label,answers,meanScore,positive,neutral,negative", await sentiment.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_of_themes_are_stable_and_disjoint()
    {
        var all = (await GetJsonAsync("/api/analytics/themes?pageSize=40&sort=-answers"))!["items"]!.AsArray().Select(theme => theme!["phrase"]!.GetValue<string>()).ToList();
        var first = (await GetJsonAsync("/api/analytics/themes?pageSize=20&page=1&sort=-answers"))!["items"]!.AsArray().Select(theme => theme!["phrase"]!.GetValue<string>());
        var second = (await GetJsonAsync("/api/analytics/themes?pageSize=20&page=2&sort=-answers"))!["items"]!.AsArray().Select(theme => theme!["phrase"]!.GetValue<string>());

        Assert.Equal(all, first.Concat(second));
    }

    [Theory]
    [InlineData("/api/analytics/themes")]
    [InlineData("/api/analytics/themes/trending")]
    [InlineData("/api/analytics/sentiment")]
    [InlineData("/api/analytics/responses/flagged")]
    public async Task Text_endpoints_need_a_key(string url)
    {
        using var client = analytics.Client(apiKey: null);
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private Task<JsonNode?> GetJsonAsync(string url) => _client.GetJsonAsync(url);
}
