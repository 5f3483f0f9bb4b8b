using System.Net.Http.Headers;
using System.Text;
using SevenTaps.Contracts;
using StackExchange.Redis;

namespace Dashboard.Tests;

/// <summary>
/// The operations page: health and the stream, dead letters replayed from the page, a CSV export uploaded there and
/// then listed on the audit trail; admins only. The other tests of the collection compare pages with the generated course, so what these add is taken away
/// before they end: the replayed statement is voided, the imported rows are deleted.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class OperationsTests(DashboardFixture dashboard)
{
    private const string DeadLetterStream = "seventaps:statements:dead";

    /// <summary>The page asks the normalizer and the gateway (which asks every service) on a machine that may be busy.</summary>
    private const float PageTimeout = 60_000;

    [Fact]
    public async Task A_dead_letter_is_replayed_from_the_page_and_its_rows_appear()
    {
        // A statement id on the stream before the statement is stored: the workers give up on it (statement not found).
        var statementId = Guid.NewGuid();
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        await using var redis = await ConnectionMultiplexer.ConnectAsync(dashboard.App.GetConnectionString(ResourceNames.Redis));
        var database = redis.GetDatabase();
        await database.StreamAddAsync(StatementStream.Key,
            [new(StatementStream.StatementIdField, statementId.ToString()), new(StatementStream.TraceParentField, $"00-{traceId}-00f067aa0ba902b7-01")]);
        await Eventually(async () => (await database.StreamRangeAsync(DeadLetterStream)).Any(entry => entry[StatementStream.StatementIdField] == statementId.ToString()), seconds: 120);

        var admin = await dashboard.SignedInAsync(DashboardFixture.AdminEmail, DashboardFixture.AdminPassword);
        await admin.Page.GotoAsync("/admin/operations");
        var row = admin.Page.Locator($"tr[data-statement='{statementId}']");
        await Assertions.Expect(row).ToContainTextAsync("statement not found", new() { Timeout = PageTimeout });
        Assert.EndsWith($"/traces/detail/{traceId}", await row.Locator("[data-trace]").GetAttributeAsync("href"));
        await Assertions.Expect(admin.Page.Locator("[data-resource='normalizer-worker']")).ToContainTextAsync("Healthy", new() { Timeout = PageTimeout });
        await Assertions.Expect(admin.Page.Locator("[data-group='normalizer'] [data-col='pending']")).ToBeVisibleAsync();
        await admin.ScreenshotAsync("operations");

        // Now the statement exists (a copy of a stored one under the new id), and replay brings its row.
        Assert.Equal(1, await dashboard.ScalarAsync<int>("""
            WITH source AS (SELECT * FROM xapi.statements WHERE NOT is_voided AND voids_statement_id IS NULL AND object_statement_id IS NULL ORDER BY seq LIMIT 1),
            inserted AS (
                INSERT INTO xapi.statements (id, statement, stored, "timestamp", verb_id, activity_id, registration, agents, related_agents,
                    related_activities, object_statement_id, voids_statement_id, is_voided, credential_id, trace_id)
                SELECT $1, jsonb_set(statement, '{id}', to_jsonb($1::text)), stored, "timestamp", verb_id, activity_id, registration, agents,
                    related_agents, related_activities, NULL, NULL, false, credential_id, $2 FROM source
                RETURNING 1)
            SELECT count(*)::int FROM inserted
            """, statementId, traceId));
        Assert.Equal(0L, await dashboard.ScalarAsync<long>("SELECT count(*) FROM analysis.user_activities WHERE statement_id = $1", statementId));

        // Looked up by its id: when it was stored, its trace, and that it is dead-lettered.
        var found = await LookUpAsync(admin, statementId, "dead-lettered");
        Assert.EndsWith($"/traces/detail/{traceId}", await found.Locator("[data-trace]").GetAttributeAsync("href"));
        Assert.Contains("statement not found", await found.Locator("[data-state]").InnerTextAsync());
        var stored = await dashboard.ScalarAsync<string>("SELECT to_char(stored AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM xapi.statements WHERE id = $1", statementId);
        Assert.StartsWith(stored!, await found.Locator("[data-stored]").InnerTextAsync());
        await admin.ScreenshotAsync("operations-statement");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Replay {statementId}" }).ClickAsync();
        await Assertions.Expect(admin.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Replayed" })).ToContainTextAsync(statementId.ToString(), new() { Timeout = PageTimeout });
        await Assertions.Expect(row).ToHaveCountAsync(0, new() { Timeout = PageTimeout });
        await Eventually(async () => await dashboard.ScalarAsync<long>("SELECT count(*) FROM analysis.user_activities WHERE statement_id = $1", statementId) == 1, seconds: 60);
        await LookUpAsync(admin, statementId, "normalized");

        // Voided by its own learner, the copy's row goes and the learner's summaries are recomputed without it.
        var actor = await dashboard.ScalarAsync<string>("SELECT (statement->'actor')::text FROM xapi.statements WHERE id = $1", statementId);
        await VoidAsync(statementId, actor!);
        await Eventually(async () => await dashboard.ScalarAsync<long>("SELECT count(*) FROM analysis.user_activities WHERE statement_id = $1", statementId) == 0, seconds: 60);
    }

    /// <summary>
    /// Chooses the file until the page has taken it (its submit button enables): a file chosen before the input's
    /// script has attached its listener, which a loaded machine can delay past the first render, is not seen.
    /// </summary>
    private static async Task ChooseFileAsync(ILocator input, string path, ILocator submit)
    {
        for (var attempt = 1; ; attempt++)
        {
            await input.SetInputFilesAsync(path);
            try
            {
                await Assertions.Expect(submit).ToBeEnabledAsync(new() { Timeout = 5_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 6)
            {
            }
        }
    }

    /// <summary>Looks the statement up on the page and waits for the state shown; returns what the page found.</summary>
    private static async Task<ILocator> LookUpAsync(DashboardPage admin, Guid statementId, string state)
    {
        await admin.Page.GetByLabel("Statement id", new() { Exact = true }).FillAsync(statementId.ToString());
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Look up", Exact = true }).ClickAsync();
        var found = admin.Page.Locator($"[data-statement-found='{statementId}']");
        await Assertions.Expect(found.Locator("[data-state]")).ToHaveAttributeAsync("data-state", state, new() { Timeout = PageTimeout });
        return found;
    }

    [Fact]
    public async Task A_csv_export_uploaded_on_the_page_shows_its_progress_and_its_rows_appear()
    {
        var path = SampleFiles.Path(SampleFiles.Export);
        var rows = Csv.Parse(await File.ReadAllTextAsync(path)).Count - 1;
        var bytes = new FileInfo(path).Length;
        var importDate = new DateOnly(2024, 1, 8);

        var admin = await dashboard.SignedInAsync(DashboardFixture.AdminEmail, DashboardFixture.AdminPassword);
        await admin.Page.GotoAsync("/admin/operations");
        var import = admin.Page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true });
        await ChooseFileAsync(admin.Page.GetByLabel("CSV export", new() { Exact = true }), path, import);
        await admin.Page.GetByLabel("Import date", new() { Exact = true }).FillAsync(importDate.ToString("yyyy-MM-dd"));
        await import.ClickAsync();
        try
        {
            var imported = admin.Page.Locator("[data-imported]");
            await imported.WaitForAsync();
            Assert.Equal(rows.ToString(), await imported.GetAttributeAsync("data-imported"));
            Assert.Equal(bytes.ToString(), await admin.Page.Locator("#csv-progress").GetAttributeAsync("data-sent"));
            Assert.Equal(bytes.ToString(), await admin.Page.Locator("#csv-progress").GetAttributeAsync("max"));
            Assert.Equal(rows, await dashboard.ScalarAsync<long>(
                "SELECT count(*) FROM analysis.user_responses WHERE source = 'csv' AND \"timestamp\" = $1",
                new DateTimeOffset(importDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));

            // The import is on the page's audit trail as the signed-in administrator's, through the dashboard's key.
            var audited = admin.Page.Locator($"[data-ops='audit'] tr[data-audit-action='csv.import'][data-audit-target='{Path.GetFileName(path)}']").First;
            await Assertions.Expect(audited.Locator("[data-col='who']")).ToContainTextAsync(DashboardFixture.AdminEmail, new() { Timeout = PageTimeout });
            await Assertions.Expect(audited.Locator("[data-col='outcome']")).ToHaveTextAsync("succeeded");
        }
        finally
        {
            await DeleteImportedRowsAsync();
        }
    }

    [Fact]
    public async Task A_viewer_cannot_open_operations()
    {
        var viewer = await dashboard.SignedInAsync(DashboardFixture.ViewerEmail, dashboard.ViewerPassword);
        await viewer.OpenAsync("/", "overview");
        Assert.Equal(0, await viewer.Page.GetByRole(AriaRole.Link, new() { Name = "Operations" }).CountAsync());
        await viewer.Page.GotoAsync("/admin/operations");
        Assert.Contains("/account/access-denied", viewer.Page.Url);
        Assert.Equal(0, await viewer.Page.Locator("[data-ops]").CountAsync());
    }

    /// <summary>
    /// Deletes what the import wrote: its rows, its learners and cards with every summary row keyed by them, and the
    /// lessons only it created; then bumps the data version and announces it, as the normalizer does after a commit:
    /// analytics' cached answers and the dashboards' shared ones are stale. Unannounced, the dashboard would take the
    /// new version up only at its next fallback read, and the next test's views would show the import's learners.
    /// </summary>
    private async Task DeleteImportedRowsAsync()
    {
        await dashboard.ScalarAsync<int>("""
            WITH responses AS (DELETE FROM analysis.user_responses WHERE source = 'csv' RETURNING 1),
                 activities AS (DELETE FROM analysis.user_activities WHERE source = 'csv' RETURNING 1),
                 days AS (DELETE FROM analysis.learner_lesson_days WHERE user_id IN (SELECT user_id FROM analysis.users WHERE source = 'csv') RETURNING 1),
                 pairs AS (DELETE FROM analysis.learner_lessons WHERE user_id IN (SELECT user_id FROM analysis.users WHERE source = 'csv') RETURNING 1),
                 totals AS (DELETE FROM analysis.learner_totals WHERE user_id IN (SELECT user_id FROM analysis.users WHERE source = 'csv') RETURNING 1),
                 counts AS (DELETE FROM analysis.question_answer_counts WHERE question_id IN (SELECT question_id FROM analysis.questions WHERE source = 'csv') RETURNING 1),
                 sentiment AS (DELETE FROM analysis.free_text_sentiment_counts WHERE question_id IN (SELECT question_id FROM analysis.questions WHERE source = 'csv') RETURNING 1)
            SELECT ((SELECT count(*) FROM responses) + (SELECT count(*) FROM activities) + (SELECT count(*) FROM days)
                  + (SELECT count(*) FROM pairs) + (SELECT count(*) FROM totals) + (SELECT count(*) FROM counts) + (SELECT count(*) FROM sentiment))::int
            """);
        await dashboard.ScalarAsync<int>("""
            WITH questions AS (DELETE FROM analysis.questions WHERE source = 'csv' RETURNING 1),
                 users AS (DELETE FROM analysis.users WHERE source = 'csv' RETURNING 1),
                 lessons AS (DELETE FROM analysis.lessons WHERE source = 'csv' RETURNING 1)
            SELECT ((SELECT count(*) FROM questions) + (SELECT count(*) FROM users) + (SELECT count(*) FROM lessons))::int
            """);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(dashboard.App.GetConnectionString(ResourceNames.Redis));
        await redis.GetDatabase().StringIncrementAsync(AnalyticsCache.DataVersionKey);
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(AnalyticsCache.DataVersionChannel), RedisValue.EmptyString);
    }

    /// <summary>Voids a statement through the real xAPI endpoint, as its learner would.</summary>
    private async Task VoidAsync(Guid statementId, string actor)
    {
        using var http = new HttpClient { BaseAddress = dashboard.Gateway };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/xapi/statements?statementId={Guid.NewGuid()}")
        {
            Content = new StringContent($$$"""
                {"actor":{{{actor}}},"verb":{"id":"http://adlnet.gov/expapi/verbs/voided"},"object":{"objectType":"StatementRef","id":"{{{statementId}}}"}}
                """, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{DashboardFixture.XapiKey}:{DashboardFixture.XapiSecret}")));
        request.Headers.Add("X-Experience-API-Version", "1.0.3");
        using var response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task Eventually(Func<Task<bool>> condition, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not so within {seconds} s");
            await Task.Delay(500);
        }
    }
}
