using System.Text.Json;
using Npgsql;

namespace Analytics.Tests;

/// <summary>The rest of analytics on the generated course of <see cref="AnalyticsFixture"/>: ranges, paging, timelines, CSV, filters, errors, the reader role.</summary>
[Collection(AnalyticsCollection.Name)]
public sealed class AnalyticsTests(AnalyticsFixture analytics)
{
    private readonly HttpClient _client = analytics.Client();

    [Fact]
    public async Task A_range_that_cuts_through_days_counts_exactly_the_activities_inside_it()
    {
        // Bounds on two statements' own times, inside busy days: the summary's day rows there hold statements on
        // both sides of a bound (and of the 7-day window before `to`), so these figures test how they are split.
        var fromMicros = await analytics.CountAsync("SELECT (extract(epoch FROM percentile_disc(0.3) WITHIN GROUP (ORDER BY \"timestamp\")) * 1000000)::bigint FROM analysis.user_activities");
        var toMicros = await analytics.CountAsync("SELECT (extract(epoch FROM percentile_disc(0.7) WITHIN GROUP (ORDER BY \"timestamp\")) * 1000000)::bigint FROM analysis.user_activities");
        var (from, to) = (DateTimeOffset.UnixEpoch.AddTicks(fromMicros * 10), DateTimeOffset.UnixEpoch.AddTicks(toMicros * 10));
        Assert.NotEqual(TimeSpan.Zero, from.TimeOfDay);
        var range = $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";
        var inRange = $"\"timestamp\" >= to_timestamp({fromMicros} / 1000000.0) AND \"timestamp\" < to_timestamp({toMicros} / 1000000.0)";

        var overview = (await _client.GetJsonAsync($"/api/analytics/overview?{range}"))!;
        var points = (await _client.GetJsonAsync($"/api/analytics/engagement?interval=day&{range}"))!.AsArray();
        var lessons = (await _client.GetJsonAsync($"/api/analytics/lessons?pageSize=100&{range}"))!["items"]!.AsArray();
        var learners = (await _client.GetJsonAsync($"/api/analytics/learners?pageSize=1&{range}"))!;

        var statements = await analytics.CountAsync($"SELECT count(*) FROM analysis.user_activities WHERE {inRange}");
        var learnersInRange = await analytics.CountAsync($"SELECT count(DISTINCT user_id) FROM analysis.user_activities WHERE {inRange}");
        Assert.True(statements > 0);
        Assert.Equal(statements, overview["statements"]!.GetValue<long>());
        Assert.Equal(await analytics.CountAsync($"SELECT count(*) FROM analysis.user_responses WHERE {inRange}"), overview["responses"]!.GetValue<long>());
        Assert.Equal(learnersInRange, overview["learners"]!.GetValue<long>());
        Assert.Equal(await analytics.CountAsync($"""
            SELECT count(DISTINCT user_id) FROM analysis.user_activities
            WHERE {inRange} AND "timestamp" > to_timestamp({toMicros} / 1000000.0) - interval '7 days'
            """), overview["activeLearners7Days"]!.GetValue<long>());
        Assert.Equal(statements, points.Sum(point => point!["statements"]!.GetValue<long>()));
        Assert.Equal(await analytics.CountAsync($"SELECT count(DISTINCT (user_id, lesson_url)) FROM analysis.user_activities WHERE lesson_url IS NOT NULL AND {inRange}"),
            lessons.Sum(lesson => lesson!["started"]!.GetValue<long>()));
        Assert.Equal(learnersInRange, learners["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Learners_are_paged_stably_and_carry_risk_reasons()
    {
        var seen = new List<string>();
        for (var page = 1; ; page++)
        {
            var result = (await _client.GetJsonAsync($"/api/analytics/learners?pageSize=25&page={page}&sort=-atRisk"))!;
            var items = result["items"]!.AsArray();
            seen.AddRange(items.Select(item => item!["userId"]!.GetValue<string>()));
            Assert.Equal(analytics.Truth.ActiveLearners, result["total"]!.GetValue<long>());
            if (items.Count < 25)
            {
                break;
            }
        }
        Assert.Equal(analytics.Truth.ActiveLearners, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());

        var riskiest = (await _client.GetJsonAsync("/api/analytics/learners?pageSize=1&sort=-atRisk"))!["items"]![0]!;
        Assert.True(riskiest["atRiskScore"]!.GetValue<double>() > 0);
        Assert.NotEmpty(riskiest["riskReasons"]!.AsArray());
    }

    [Fact]
    public async Task A_learner_has_a_timeline()
    {
        var first = (await _client.GetJsonAsync("/api/analytics/learners?pageSize=1"))!["items"]![0]!["userId"]!.GetValue<string>();

        var learner = (await _client.GetJsonAsync($"/api/analytics/learners/{first}"))!;

        Assert.Equal(first, learner["summary"]!["userId"]!.GetValue<string>());
        Assert.NotEmpty(learner["timeline"]!.AsArray());
        using var missing = await _client.GetAsync("/api/analytics/learners/nobody-at-all");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Lists_export_as_csv()
    {
        using var response = await _client.GetAsync("/api/analytics/lessons?format=csv&pageSize=100");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("lessonUrl,lessonNumber,lessonName,started,completed", lines[0]);
        Assert.Equal(analytics.Truth.Lessons.Count(lesson => lesson.Started > 0) + 1, lines.Length);
    }

    [Fact]
    public async Task Filters_narrow_the_answers()
    {
        var lesson = analytics.Truth.Lessons.First(lesson => lesson.Number == 2);
        var filtered = (await _client.GetJsonAsync($"/api/analytics/lessons?lesson={Uri.EscapeDataString(lesson.Url)}"))!["items"]!.AsArray();
        Assert.Equal(lesson.Url, Assert.Single(filtered)!["lessonUrl"]!.GetValue<string>());

        var nothing = (await _client.GetJsonAsync("/api/analytics/overview?from=2001-01-01&to=2001-01-02"))!;
        Assert.Equal(0, nothing["statements"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("/api/analytics/lessons?from=yesterday", "from")]
    [InlineData("/api/analytics/lessons?from=2025-02-01&to=2025-01-01", "from")]
    [InlineData("/api/analytics/lessons?sort=colour", "sort")]
    [InlineData("/api/analytics/learners?pageSize=0", "pageSize")]
    [InlineData("/api/analytics/learners?cohort=week-3", "cohort")]
    [InlineData("/api/analytics/engagement?interval=hour", "interval")]
    [InlineData("/api/analytics/questions/answers", "questionId")]
    [InlineData("/api/analytics/sentiment?groupBy=month", "groupBy")]
    [InlineData("/api/analytics/themes?sort=colour", "sort")]
    [InlineData("/api/analytics/themes/trending?from=2025-02-01&to=2025-01-01", "from")]
    [InlineData("/api/analytics/responses/flagged?pageSize=100000", "pageSize")]
    [InlineData("/api/analytics/themes?questionId=%20", "questionId")]
    [InlineData("/api/analytics/schema?format=yaml", "format")]
    public async Task Bad_parameters_are_rejected_by_name(string url, string parameter)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal([parameter], problem.RootElement.GetProperty("errors").EnumerateObject().Select(error => error.Name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sta_not-a-real-key-at-all")]
    public async Task Requests_without_a_valid_key_get_401(string? key)
    {
        using var client = analytics.Client(key);
        using var response = await client.GetAsync("/api/analytics/overview");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_reader_role_cannot_change_data()
    {
        var builder = new NpgsqlConnectionStringBuilder(analytics.DatabaseConnectionString) { Options = "-c role=seventaps_analytics_reader", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT count(*) FROM analysis.users", connection);
        Assert.True((long)(await read.ExecuteScalarAsync())! > 0);

        await using var write = new NpgsqlCommand("DELETE FROM analysis.users", connection);
        var denied = await Assert.ThrowsAsync<PostgresException>(() => write.ExecuteNonQueryAsync());
        Assert.Equal("42501", denied.SqlState);
        await using var raw = new NpgsqlCommand("SELECT count(*) FROM xapi.statements", connection);
        Assert.Equal("42501", (await Assert.ThrowsAsync<PostgresException>(() => raw.ExecuteScalarAsync())).SqlState);
    }

    [Fact]
    public async Task The_schema_description_names_every_table_the_reader_can_read()
    {
        var schema = (await _client.GetJsonAsync("/api/analytics/schema"))!;
        using var markdownResponse = await _client.GetAsync("/api/analytics/schema?format=markdown");
        var markdown = await markdownResponse.Content.ReadAsStringAsync();

        var described = schema["tables"]!.AsArray().Select(table => table!["name"]!.GetValue<string>()).Order().ToList();
        var builder = new NpgsqlConnectionStringBuilder(analytics.DatabaseConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT table_name || '.' || column_name FROM information_schema.columns
            WHERE table_schema = 'analysis' AND table_name <> '__ef_migrations_history' ORDER BY 1
            """, connection);
        var columns = new List<string>();
        await using (var rows = await command.ExecuteReaderAsync())
        {
            while (await rows.ReadAsync())
            {
                columns.Add(rows.GetString(0));
            }
        }
        Assert.Equal(columns.Select(column => column.Split('.')[0]).Distinct().Order(StringComparer.Ordinal), described.Order(StringComparer.Ordinal));
        Assert.Equal(columns.Order(StringComparer.Ordinal), schema["tables"]!.AsArray()
            .SelectMany(table => table!["columns"]!.AsArray().Select(column => $"{table["name"]}.{column!["name"]}")).Order(StringComparer.Ordinal));
        Assert.All(new[] { "completion", "drop-off", "at-risk", "lesson order", "statement time" },
            term => Assert.Contains(schema["glossary"]!.AsArray(), entry => entry!["term"]!.GetValue<string>() == term));
        Assert.Equal("text/markdown", markdownResponse.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("# Schema `analysis`", markdown);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_filter_and_list_parameters()
    {
        var document = (await _client.GetJsonAsync("/api/analytics/openapi/v1.json"))!;

        string[] Parameters(string path) => document["paths"]![path]!["get"]!["parameters"]!.AsArray()
            .Where(parameter => parameter!["in"]!.GetValue<string>() == "query").Select(parameter => parameter!["name"]!.GetValue<string>()).ToArray();
        Assert.Equal(["cohort", "format", "from", "lesson", "page", "pageSize", "sort", "to"], Parameters("/api/analytics/learners").Order(StringComparer.Ordinal));
        Assert.Equal(["cohort", "from", "lesson", "to"], Parameters("/api/analytics/overview").Order(StringComparer.Ordinal));
        Assert.Contains("questionId", Parameters("/api/analytics/themes"));
        Assert.Contains("format", Parameters("/api/analytics/dropoff"));
    }

    [Fact]
    public async Task The_completion_heatmap_has_every_learners_lessons_and_groups_learners_by_progress_when_asked_for_fewer_rows()
    {
        var learners = new SevenTaps.Generator.CourseGenerator(analytics.Truth.Options).LearnerTruths()
            .Where(learner => learner.Lessons.Count > 0)
            .ToDictionary(learner => learner.AccountName.ToLowerInvariant());
        var lessons = analytics.Truth.Lessons.Where(lesson => lesson.Started > 0).OrderBy(lesson => lesson.Number).ToList();

        // One row per learner: each row is that learner's lessons, started and completed.
        var each = (await _client.GetJsonAsync("/api/analytics/completion?rows=500"))!;
        Assert.False(each["grouped"]!.GetValue<bool>());
        Assert.Equal(lessons.Select(lesson => lesson.Url), each["lessons"]!.AsArray().Select(lesson => lesson!["lessonUrl"]!.GetValue<string>()));
        var rows = each["rows"]!.AsArray();
        Assert.Equal(learners.Count, rows.Count);
        foreach (var row in rows)
        {
            var learner = learners[row!["userId"]!.GetValue<string>()];
            var started = row["started"]!.AsArray().Select(count => count!.GetValue<long>()).ToList();
            var completed = row["completed"]!.AsArray().Select(count => count!.GetValue<long>()).ToList();
            Assert.Equal(lessons.Select(lesson => learner.Lessons.Any(own => own.LessonNumber == lesson.Number) ? 1L : 0L), started);
            Assert.Equal(lessons.Select(lesson => learner.Lessons.Any(own => own.LessonNumber == lesson.Number && own.Completed) ? 1L : 0L), completed);
        }
        // Ranked by progress: lessons completed never rise down the rows.
        var progress = rows.Select(row => row!["completed"]!.AsArray().Sum(count => count!.GetValue<long>())).ToList();
        Assert.Equal(progress.OrderDescending(), progress);

        // Seven groups of learners of neighbouring rank, which together count every lesson's learners.
        var grouped = (await _client.GetJsonAsync("/api/analytics/completion?rows=7"))!;
        Assert.True(grouped["grouped"]!.GetValue<bool>());
        var groups = grouped["rows"]!.AsArray();
        Assert.Equal(7, groups.Count);
        Assert.Equal(learners.Count, groups.Sum(group => group!["learners"]!.GetValue<long>()));
        Assert.Equal(learners.Count, groups[^1]!["lastRank"]!.GetValue<int>());
        for (var i = 0; i < lessons.Count; i++)
        {
            Assert.Equal(lessons[i].Started, groups.Sum(group => group!["started"]![i]!.GetValue<long>()));
            Assert.Equal(lessons[i].Completed, groups.Sum(group => group!["completed"]![i]!.GetValue<long>()));
        }

        using var invalid = await _client.GetAsync("/api/analytics/completion?rows=0");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, invalid.StatusCode);
    }
}
