using System.Text.Json.Nodes;
using SevenTaps.Generator;
using SevenTaps.Text;

namespace Dashboard.Tests;

/// <summary>The dashboards show the figures the generator planted, read from the page as a person reads them.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardTests(DashboardFixture dashboard)
{
    private long Activities => dashboard.Truth.Statements - dashboard.Truth.VoidingStatements - dashboard.Truth.Voided;

    [Fact]
    public async Task The_overview_shows_the_true_learners_statements_and_lessons()
    {
        var page = await dashboard.SignedInAsync(DashboardFixture.ViewerEmail, dashboard.ViewerPassword);
        await page.OpenAsync("/", "overview");

        Assert.Equal(dashboard.Truth.ActiveLearners, await page.FigureAsync("learners"));
        Assert.Equal(Activities, await page.FigureAsync("statements"));
        Assert.Equal(dashboard.Truth.Lessons.Count(lesson => lesson.Started > 0), await page.FigureAsync("lessons"));
        // Each tile says what it counts and when and how fast it was answered.
        var provenance = await (await page.TileAsync("overview")).Locator(".provenance").InnerTextAsync();
        Assert.Contains("Distinct learners", provenance);
        Assert.Matches(@"As of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC · took \d+ ms", provenance);
        await page.TileAsync("lessons");
        await page.ScreenshotAsync("overview");

        var phone = new DashboardPage(await dashboard.NewPageAsync(width: 390, height: 844));
        await phone.SignInAsync(DashboardFixture.ViewerEmail, dashboard.ViewerPassword);
        await phone.OpenAsync("/", "overview");
        Assert.Equal(dashboard.Truth.ActiveLearners, await phone.FigureAsync("learners"));
        await phone.ScreenshotAsync("overview-phone");
    }

    [Fact]
    public async Task The_dropoff_page_shows_the_true_funnel_in_course_order()
    {
        var page = await dashboard.SignedInAsync(DashboardFixture.ViewerEmail, dashboard.ViewerPassword);
        await page.OpenAsync("/dropoff", "dropoff");

        var rows = await page.DropoffRowsAsync();
        var planted = dashboard.Truth.Lessons.Where(lesson => lesson.Started > 0).OrderBy(lesson => lesson.Number).ToList();
        Assert.Equal(planted.Select(lesson => lesson.Url), rows.Select(row => row.Lesson));
        Assert.Equal(planted.Select(lesson => (long)lesson.Started), rows.Select(row => row.Reached));
        Assert.Equal(planted.Select(lesson => (long)lesson.Dropoff), rows.Select(row => row.Stopped));

        // The chart is drawn: a bar per lesson in each series, with the table's figures, every non-zero one with a height.
        var chart = await page.BarsAsync("dropoff");
        Assert.Equal(["Reached", "Stopped here"], chart.Select(series => series.Name));
        Assert.Equal(rows.Select(row => (double)row.Reached), chart[0].Values);
        Assert.Equal(rows.Select(row => (double)row.Stopped), chart[1].Values);
        Assert.All(chart, series => Assert.Equal((rows.Count, series.Values.Count(value => value > 0)), (series.Bars, series.Drawn)));

        // The page started loading plotly.js at its first render; the chart found that load and used it: Plotly.Blazor's
        // module and the basic bundle were fetched once each (a Plotly.Blazor that renamed either would fetch it twice).
        var fetched = await page.Page.EvaluateAsync<string[]>(
            "() => performance.getEntriesByType('resource').map(entry => new URL(entry.name).pathname).filter(path => path.startsWith('/_content/Plotly.Blazor/'))");
        Assert.Equal(2, fetched.Length);
        Assert.Single(fetched, path => path.Contains("/plotly-interop-"));
        Assert.Single(fetched, path => path.Contains("/plotly-basic-"));
        await page.ScreenshotAsync("dropoff");
    }

    [Fact]
    public async Task A_date_range_in_the_URL_filters_the_figures_and_the_filter_form_writes_it_there()
    {
        var days = dashboard.Truth.Daily.OrderBy(day => day.Date).ToList();
        var from = days[days.Count / 3].Date;
        var to = from.AddDays(14);
        var inRange = days.Where(day => day.Date >= from && day.Date < to).Sum(day => (long)day.Statements);
        Assert.NotEqual(Activities, inRange);

        var page = await dashboard.SignedInAsync(DashboardFixture.ViewerEmail, dashboard.ViewerPassword);
        await page.OpenAsync($"/?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", "overview");
        Assert.Equal(inRange, await page.FigureAsync("statements"));

        // Applying the form puts the filter in the URL (bookmarkable) and every tile answers for it.
        await page.OpenAsync("/", "overview");
        // The tiles can show before the circuit has attached the form's handlers (a loaded machine delays it), and
        // the circuit then renders the inputs empty again: the form is filled and applied until the URL takes it.
        for (var attempt = 1; ; attempt++)
        {
            await page.Page.GetByLabel("From").FillAsync(from.ToString("yyyy-MM-dd"));
            await page.Page.GetByLabel("To (exclusive)").FillAsync(to.ToString("yyyy-MM-dd"));
            await page.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            try
            {
                await page.Page.WaitForURLAsync(url => url.Contains($"from={from:yyyy-MM-dd}") && url.Contains($"to={to:yyyy-MM-dd}"),
                    new() { WaitUntil = WaitUntilState.Commit, Timeout = 10_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 6)
            {
            }
        }
        Assert.Equal(inRange, await page.FigureWhenAsync("statements", value => value == inRange));
        await page.ScreenshotAsync("overview-filtered");
    }

    [Fact]
    public async Task Engagement_at_risk_learners_and_one_learners_timeline_render()
    {
        var page = await dashboard.SignedInAsync(DashboardFixture.ViewerEmail, dashboard.ViewerPassword);
        await page.OpenAsync("/engagement", "engagement");
        await Assertions.Expect(page.Page.Locator("[data-tile='engagement'] .js-plotly-plot")).ToHaveCountAsync(1, new() { Timeout = 90_000 });
        await page.ScreenshotAsync("engagement");

        await page.OpenAsync("/learners", "at-risk");
        await Assertions.Expect(page.Page.Locator("[data-tile='at-risk']")).ToContainTextAsync($"{dashboard.Truth.ActiveLearners} learners");
        await page.ScreenshotAsync("at-risk");

        await page.Page.Locator("[data-tile='at-risk'] tbody a").First.ClickAsync();
        var learner = await page.TileAsync("learner");
        Assert.True(await learner.Locator("tbody tr").CountAsync() > 0);
        await page.ScreenshotAsync("learner");
    }

    [Fact]
    public async Task The_free_text_page_flags_exactly_the_planted_concerning_answers()
    {
        var page = await dashboard.SignedInAsync(DashboardFixture.ViewerEmail, dashboard.ViewerPassword);
        await page.OpenAsync("/responses", "flagged");

        Assert.NotEmpty(dashboard.Truth.FreeText.ConcerningStatementIds);
        await Assertions.Expect(page.Page.Locator("[data-tile='flagged']")).ToContainTextAsync($"{dashboard.Truth.FreeText.ConcerningStatementIds.Count} flagged answers");
        await page.TileAsync("themes");
        await page.TileAsync("sentiment");
        await page.ScreenshotAsync("responses");
    }

    [Fact]
    public async Task The_completion_heatmap_groups_the_learners_by_progress_with_the_lessons_each_started_and_completed()
    {
        // Ranked as the tile ranks: lessons completed, then started, most first; then user id (the account name in lower case).
        var learners = new CourseGenerator(dashboard.Truth.Options).LearnerTruths()
            .Where(learner => learner.Lessons.Count > 0)
            .Select(learner => (Id: learner.AccountName.ToLowerInvariant(), Lessons: learner.Lessons.ToDictionary(lesson => lesson.LessonNumber, lesson => lesson.Completed)))
            .OrderByDescending(learner => learner.Lessons.Values.Count(completed => completed))
            .ThenByDescending(learner => learner.Lessons.Count)
            .ThenBy(learner => learner.Id, StringComparer.Ordinal)
            .ToList();
        var groups = Math.Min(CompletionHeatmapRows, learners.Count);
        Assert.True(learners.Count > CompletionHeatmapRows, "the course should have more learners than the tile has rows, so they are grouped");

        var page = await dashboard.SignedInAsync(DashboardFixture.ViewerEmail, dashboard.ViewerPassword);
        await page.OpenAsync("/dropoff", "completion-heatmap");
        var rows = await page.HeatmapRowsAsync();

        Assert.Equal(groups, rows.Count);
        var rank = 0;
        for (var group = 0; group < groups; group++)
        {
            // PostgreSQL's ntile: the first (learners mod groups) groups have one learner more.
            var size = (learners.Count / groups) + (group < learners.Count % groups ? 1 : 0);
            var members = learners.Skip(rank).Take(size).ToList();
            Assert.Equal((rank + 1, rank + size, size), (rows[group].First, rows[group].Last, rows[group].Learners));
            foreach (var lesson in dashboard.Truth.Lessons.Where(lesson => lesson.Started > 0))
            {
                long started = members.Count(member => member.Lessons.ContainsKey(lesson.Number));
                long completed = members.Count(member => member.Lessons.TryGetValue(lesson.Number, out var done) && done);
                Assert.Equal(new[] { started, completed }, rows[group].Cells[lesson.Url]);
            }
            rank += size;
        }
        Assert.Contains($"{learners.Count} learners, in {groups} groups", await (await page.TileAsync("completion-heatmap")).InnerTextAsync());
        await page.ScreenshotAsync("dropoff-heatmap");
    }

    [Fact]
    public async Task Sentiment_over_time_counts_each_weeks_answers_as_the_analyser_scores_the_planted_texts()
    {
        var voided = dashboard.Truth.VoidedStatementIds.ToHashSet();
        var expected = new CourseGenerator(dashboard.Truth.Options).Statements()
            .Where(statement => statement.FreeText is not null && !voided.Contains(statement.Id))
            .Select(statement => (Week: Monday(statement.Timestamp), Polarity: SentimentAnalyzer.Polarity(
                SentimentAnalyzer.Compound(JsonNode.Parse(statement.Json)!["result"]!["response"]!.GetValue<string>()))))
            .GroupBy(answer => answer.Week)
            .OrderBy(week => week.Key)
            .ToDictionary(week => week.Key.ToString("yyyy-MM-dd"), week => new long[]
            {
                week.Count(), week.Count(answer => answer.Polarity == "positive"), week.Count(answer => answer.Polarity == "neutral"), week.Count(answer => answer.Polarity == "negative"),
            });
        Assert.True(expected.Count > 1);

        var page = await dashboard.SignedInAsync(DashboardFixture.ViewerEmail, dashboard.ViewerPassword);
        await page.OpenAsync("/responses", "sentiment-weekly");
        var shown = await page.SentimentWeeksAsync();

        Assert.Equal(expected.Keys, shown.Keys);
        Assert.All(expected, week => Assert.Equal(week.Value, shown[week.Key]));
        await Assertions.Expect(page.Page.Locator("[data-tile='sentiment-weekly'] .js-plotly-plot")).ToHaveCountAsync(1, new() { Timeout = 90_000 });
        await page.ScreenshotAsync("responses-sentiment-weekly");
    }

    [Fact]
    public async Task Every_sentiment_chart_draws_positive_green_neutral_grey_and_negative_orange_named_in_its_legend_and_visible_in_both_themes()
    {
        // Dashboard.Web's SentimentSeries colours, as the browser computes them.
        var colours = new Dictionary<string, string> { ["Positive"] = "rgb(58, 138, 58)", ["Neutral"] = "rgb(128, 128, 128)", ["Negative"] = "rgb(217, 72, 15)" };
        var page = await dashboard.SignedInAsync(DashboardFixture.ViewerEmail, dashboard.ViewerPassword);
        await page.OpenAsync("/responses", "sentiment");
        await page.TileAsync("sentiment-weekly");
        var weeks = await page.SentimentWeeksAsync();

        foreach (var tile in new[] { "sentiment", "sentiment-weekly" })
        {
            var chart = await page.BarsAsync(tile);
            Assert.Equal(colours.Keys, chart.Select(series => series.Name));
            Assert.All(chart, series => Assert.Equal((colours[series.Name], colours[series.Name]), (series.Fill, series.LegendFill)));
        }
        var weekly = await page.BarsAsync("sentiment-weekly");
        Assert.Equal(weeks.Values.Select(week => (double)week[1]), weekly[0].Values);
        Assert.Equal(weeks.Values.Select(week => (double)week[3]), weekly[2].Values);

        // Each colour stands out from the tile's background (3:1, WCAG 1.4.11) in the light and the dark theme.
        foreach (var theme in new[] { "light", "dark" })
        {
            var background = await page.Page.Locator("[data-tile='sentiment']").EvaluateAsync<string>("tile => getComputedStyle(tile).backgroundColor");
            Assert.All(colours.Values, colour => Assert.True(Contrast(colour, background) >= 3, $"{colour} on {background} ({theme}): {Contrast(colour, background):0.00}:1"));
            await page.ScreenshotAsync($"responses-sentiment-{theme}");
            if (theme == "light")
            {
                await page.SwitchThemeAsync();
            }
        }
    }

    /// <summary>WCAG's contrast ratio of two CSS colours given as <c>rgb(r, g, b)</c>.</summary>
    private static double Contrast(string first, string second)
    {
        static double Luminance(string css)
        {
            var channels = css[(css.IndexOf('(') + 1)..css.IndexOf(')')].Split(',').Take(3)
                .Select(part => double.Parse(part, System.Globalization.CultureInfo.InvariantCulture) / 255)
                .Select(c => c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4)).ToArray();
            return (0.2126 * channels[0]) + (0.7152 * channels[1]) + (0.0722 * channels[2]);
        }
        var (a, b) = (Luminance(first), Luminance(second));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    /// <summary>The tile's rows (CompletionHeatmapTile.Rows).</summary>
    private const int CompletionHeatmapRows = 40;

    private static DateOnly Monday(DateTimeOffset timestamp)
    {
        var day = DateOnly.FromDateTime(timestamp.UtcDateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }
}
