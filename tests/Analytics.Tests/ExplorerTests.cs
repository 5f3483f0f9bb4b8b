using System.Net.Http.Headers;
using SevenTaps.Generator;
using SevenTaps.Text;

namespace Analytics.Tests;

/// <summary>The explorer's pages and exports over real HTTP, against the rows the generator emitted.</summary>
[Collection(ExplorerCollection.Name)]
public sealed class ExplorerTests(ExplorerFixture explorer)
{
    private readonly HttpClient _client = explorer.Client();

    /// <summary>An answered or completed statement the generator emitted and did not void.</summary>
    private sealed record Emitted(Guid Id, DateTimeOffset Timestamp, int Learner, StatementKind Kind, string Lesson, string? Card, string? Text);

    private IReadOnlyList<Emitted> Statements()
    {
        var voided = explorer.Truth.VoidedStatementIds.ToHashSet();
        return new CourseGenerator(explorer.Truth.Options).Statements()
            .Where(statement => statement.Kind is StatementKind.Answered or StatementKind.Completed && !voided.Contains(statement.Id))
            .Select(statement =>
            {
                var json = JsonNode.Parse(statement.Json)!;
                var objectId = json["object"]!["id"]!.GetValue<string>();
                return statement.Kind == StatementKind.Answered
                    ? new Emitted(statement.Id, statement.Timestamp, statement.LearnerIndex, statement.Kind, json["context"]!["contextActivities"]!["parent"]!["id"]!.GetValue<string>(),
                        objectId, statement.FreeText is null ? null : json["result"]!["response"]!.GetValue<string>())
                    : new Emitted(statement.Id, statement.Timestamp, statement.LearnerIndex, statement.Kind, objectId, null, null);
            })
            .ToList();
    }

    private IReadOnlyList<Emitted> Answers() => Statements().Where(statement => statement.Kind == StatementKind.Answered).ToList();

    /// <summary>Every row of a filter, page by page through the cursor; fails on a repeated row.</summary>
    private async Task<List<JsonNode>> AllPagesAsync(string path, string query, int pageSize = 37)
    {
        var rows = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var page = (await _client.GetJsonAsync($"{path}?{query}&pageSize={pageSize}{(cursor is null ? "" : "&after=" + Uri.EscapeDataString(cursor))}"))!;
            var items = page["items"]!.AsArray().Select(item => item!).ToList();
            Assert.InRange(items.Count, 0, pageSize);
            rows.AddRange(items);
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        var ids = rows.Select(Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        return rows;
    }

    private static Guid Id(JsonNode row) => Guid.Parse(row["statementId"]!.GetValue<string>());

    [Fact]
    public async Task Paging_one_lesson_through_the_cursor_returns_its_answers_once_each_newest_first()
    {
        var answers = Answers();
        var lesson = answers.GroupBy(answer => answer.Lesson).OrderByDescending(group => group.Count()).First();

        var rows = await AllPagesAsync("/api/analytics/explorer/responses", $"lesson={Uri.EscapeDataString(lesson.Key)}");

        Assert.Equal(lesson.Select(answer => answer.Id).Order(), rows.Select(Id).Order());
        // PostgreSQL orders uuids by their bytes, as their text sorts.
        var order = rows.Select(row => (Time: row["timestamp"]!.GetValue<DateTimeOffset>(), Id: Id(row).ToString())).ToList();
        Assert.Equal(order.OrderByDescending(key => key.Time).ThenByDescending(key => key.Id, StringComparer.Ordinal), order);
        Assert.All(rows, row => Assert.Equal(lesson.Key, row["lessonUrl"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Offset_pages_cover_a_card_like_the_cursor_and_say_the_exact_total()
    {
        var card = Answers().GroupBy(answer => answer.Card).OrderByDescending(group => group.Count()).First();
        var query = $"card={Uri.EscapeDataString(card.Key!)}&sort=learner";

        var first = (await _client.GetJsonAsync($"/api/analytics/explorer/responses?{query}&pageSize=10"))!;
        var second = (await _client.GetJsonAsync($"/api/analytics/explorer/responses?{query}&pageSize=10&offset=10"))!;
        var all = await AllPagesAsync("/api/analytics/explorer/responses", query, pageSize: 10);

        Assert.Equal(card.Count(), first["total"]!.GetValue<long>());
        Assert.True(first["totalIsExact"]!.GetValue<bool>());
        Assert.Equal(all.Take(20).Select(Id), first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(row => Id(row!)));
        Assert.Equal(card.Select(answer => answer.Id).Order(), all.Select(Id).Order());
        var learners = all.Select(row => row["learnerId"]!.GetValue<string>()).ToList();
        Assert.Equal(learners.Order(StringComparer.Ordinal), learners);
    }

    [Fact]
    public async Task A_learner_and_a_date_range_give_exactly_the_learners_answers_in_it()
    {
        var answers = Answers();
        var sample = answers[answers.Count / 2];
        var learnerId = (await _client.GetJsonAsync($"/api/analytics/explorer/responses?card={Uri.EscapeDataString(sample.Card!)}&pageSize=1000"))!["items"]!
            .AsArray().Single(row => Id(row!) == sample.Id)!["learnerId"]!.GetValue<string>();
        var mine = answers.Where(answer => answer.Learner == sample.Learner).ToList();
        var from = mine.Min(answer => answer.Timestamp).AddDays(2);
        var to = from.AddDays(10);

        var all = await AllPagesAsync("/api/analytics/explorer/responses", $"learner={learnerId}");
        var inRange = await AllPagesAsync("/api/analytics/explorer/responses", $"learner={learnerId}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}");

        Assert.Equal(mine.Select(answer => answer.Id).Order(), all.Select(Id).Order());
        Assert.Equal(mine.Where(answer => answer.Timestamp >= from && answer.Timestamp < to).Select(answer => answer.Id).Order(), inRange.Select(Id).Order());
    }

    [Fact]
    public async Task Text_search_sentiment_and_flagged_find_the_planted_answers()
    {
        var freeText = Answers().Where(answer => answer.Text is not null).ToList();

        var caffeine = await AllPagesAsync("/api/analytics/explorer/responses", "q=caffeine", pageSize: 200);
        var negative = await AllPagesAsync("/api/analytics/explorer/responses", $"sentiment=negative&lesson={Uri.EscapeDataString(freeText[0].Lesson)}", pageSize: 200);
        var flagged = await AllPagesAsync("/api/analytics/explorer/responses", "flagged=true", pageSize: 200);

        Assert.Equal(freeText.Where(answer => NGrams.Of(answer.Text!).Contains("caffeine")).Select(answer => answer.Id).Order(), caffeine.Select(Id).Order());
        Assert.Equal(
            freeText.Where(answer => answer.Lesson == freeText[0].Lesson && SentimentAnalyzer.Compound(answer.Text!) <= SentimentAnalyzer.NegativeThreshold).Select(answer => answer.Id).Order(),
            negative.Select(Id).Order());
        Assert.NotEmpty(explorer.Truth.FreeText.ConcerningStatementIds);
        Assert.Equal(explorer.Truth.FreeText.ConcerningStatementIds.Order(), flagged.Select(Id).Order());
    }

    [Fact]
    public async Task Activities_of_a_lesson_are_its_answers_and_completions()
    {
        var lesson = Statements().GroupBy(statement => statement.Lesson).OrderBy(group => group.Count()).First();

        var rows = await AllPagesAsync("/api/analytics/explorer/activities", $"lesson={Uri.EscapeDataString(lesson.Key)}&sort=verb", pageSize: 100);

        Assert.Equal(lesson.Select(statement => statement.Id).Order(), rows.Select(Id).Order());
        Assert.Equal(lesson.Count(statement => statement.Kind == StatementKind.Completed), rows.Count(row => row["verb"]!.GetValue<string>() == "completed"));
    }

    [Fact]
    public async Task The_export_streams_every_answer_with_formula_cells_neutralised()
    {
        using var response = await _client.GetAsync("/api/analytics/explorer/responses/export", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var records = Csv.Parse(await response.Content.ReadAsStringAsync());

        var header = records[0];
        var rows = records.Skip(1).ToList();
        Assert.Equal(Answers().Count + explorer.HostileAnswers.Count, rows.Count);
        var idColumn = header.IndexOf("statementId");
        var textColumn = header.IndexOf("responseText");
        Assert.Equal(Answers().Select(answer => answer.Id).Concat(explorer.HostileAnswers.Keys).Order(), rows.Select(row => Guid.Parse(row[idColumn])).Order());
        // The normalizer trims an answer, so the tab and carriage return answers are stored beginning with "=".
        var stored = (await _client.GetJsonAsync($"/api/analytics/explorer/responses?card={Uri.EscapeDataString(ExplorerFixture.HostileCard)}"))!["items"]!.AsArray()
            .ToDictionary(row => Id(row!), row => row!["responseText"]!.GetValue<string>());
        Assert.Equal(explorer.HostileAnswers.Count, stored.Count);
        foreach (var (id, text) in stored)
        {
            Assert.True(text[0] is '=' or '+' or '-' or '@', text);
            Assert.Equal("'" + text, rows.Single(row => Guid.Parse(row[idColumn]) == id)[textColumn]);
        }
        // Negative numbers in number columns stay numbers.
        Assert.Contains(rows, row => row[header.IndexOf("sentiment")].StartsWith('-'));
    }

    [Fact]
    public async Task A_filtered_export_has_the_filters_rows_only()
    {
        var card = Answers().GroupBy(answer => answer.Card).OrderBy(group => group.Count()).First();

        var csv = await _client.GetStringAsync($"/api/analytics/explorer/activities/export?card={Uri.EscapeDataString(card.Key!)}&sort=timestamp");

        var records = Csv.Parse(csv);
        var ids = records.Skip(1).Select(row => Guid.Parse(row[0])).ToList();
        Assert.Equal(card.OrderBy(answer => answer.Timestamp).ThenBy(answer => answer.Id.ToString(), StringComparer.Ordinal).Select(answer => answer.Id), ids);
    }

    [Theory]
    [InlineData("responses?sentiment=happy", "sentiment")]
    [InlineData("responses?flagged=maybe", "flagged")]
    [InlineData("responses?sort=password", "sort")]
    [InlineData("responses?pageSize=0", "pageSize")]
    [InlineData("responses?offset=-1", "offset")]
    [InlineData("responses?after=bm90LWEtY3Vyc29y", "after")]
    [InlineData("responses?from=yesterday", "from")]
    [InlineData("activities?q=sleep", "q")]
    [InlineData("activities?sentiment=positive", "sentiment")]
    [InlineData("responses/export?sort=-nothing", "sort")]
    public async Task A_bad_parameter_is_a_400_that_names_it(string pathAndQuery, string parameter)
    {
        using var response = await _client.GetAsync($"/api/analytics/explorer/{pathAndQuery}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]![parameter]);
    }

    [Fact]
    public async Task A_cursor_of_another_sort_is_refused_and_a_key_is_required()
    {
        var page = (await _client.GetJsonAsync("/api/analytics/explorer/responses?pageSize=5"))!;
        var cursor = Uri.EscapeDataString(page["nextCursor"]!.GetValue<string>());
        using var otherSort = await _client.GetAsync($"/api/analytics/explorer/responses?pageSize=5&sort=learner&after={cursor}");
        using var anonymous = explorer.Client(apiKey: null);
        using var noKey = await anonymous.GetAsync("/api/analytics/explorer/responses/export");

        Assert.Equal(HttpStatusCode.BadRequest, otherSort.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }
}
