using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SevenTaps.ApiKeys;
using SevenTaps.Contracts;

namespace Analytics.Tests;

/// <summary>
/// Every administrative action leaves exactly one audit record naming its actor (the key, the person a trusted key
/// acts for, or the account that ran a command), whichever service performed it; only admin keys read them.
/// Nothing here changes the analysis tables the collection's other tests compare with the generated course.
/// </summary>
[Collection(AnalyticsCollection.Name)]
public sealed class AuditTests(AnalyticsFixture analytics)
{
    private const string Person = "ana@example.org";

    [Fact]
    public async Task Creating_and_revoking_an_api_key_leave_one_record_each_naming_the_key_and_the_person_it_acts_for()
    {
        var trusted = await TestApiKeys.CreateAsync(analytics.DatabaseConnectionString, "audit-dashboard", ApiKeyScopes.Admin, ApiKeyScopes.OnBehalf);
        using var client = OnBehalf(analytics.Client(trusted));

        using var created = await client.PostAsJsonAsync("/api/analytics/admin/api-keys", new { name = "audited", scopes = new[] { ApiKeyScopes.Analytics } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var prefix = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetProperty("prefix").GetString()!;
        using (var revoked = await client.DeleteAsync($"/api/analytics/admin/api-keys/{prefix}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }
        using (var again = await client.DeleteAsync($"/api/analytics/admin/api-keys/{prefix}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        var records = await RecordsAsync($"target={prefix}");
        Assert.Equal([("api-key.revoke", "not-found"), ("api-key.revoke", "succeeded"), ("api-key.create", "succeeded")],
            records.Select(record => (record.GetProperty("action").GetString(), record.GetProperty("outcome").GetString())));
        Assert.All(records, record =>
        {
            Assert.Equal("audit-dashboard", record.GetProperty("apiKeyName").GetString());
            Assert.Equal(Person, record.GetProperty("userName").GetString());
            Assert.Equal("api", record.GetProperty("via").GetString());
            Assert.Equal("Analytics.Api", record.GetProperty("service").GetString());
        });
        Assert.Contains("scopes analytics", records[2].GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_key_not_trusted_to_name_a_person_is_recorded_without_the_person_it_names()
    {
        var adminOnly = await TestApiKeys.CreateAsync(analytics.DatabaseConnectionString, "audit-operator", ApiKeyScopes.Admin);
        using var client = OnBehalf(analytics.Client(adminOnly));
        using var created = await client.PostAsJsonAsync("/api/analytics/admin/api-keys", new { name = "untrusted", scopes = new[] { ApiKeyScopes.Analytics } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var prefix = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetProperty("prefix").GetString()!;

        var record = Assert.Single(await RecordsAsync($"target={prefix}"));
        Assert.Equal("audit-operator", record.GetProperty("apiKeyName").GetString());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("userName").ValueKind);
    }

    [Fact]
    public async Task Credential_administration_failed_imports_and_replays_are_recorded_by_the_services_that_perform_them()
    {
        var trusted = await TestApiKeys.CreateAsync(analytics.DatabaseConnectionString, "audit-dashboard-ops", ApiKeyScopes.Admin, ApiKeyScopes.OnBehalf);

        using var ingest = OnBehalf(new HttpClient { BaseAddress = analytics.App.GetEndpoint(ResourceNames.IngestApi) });
        ingest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", trusted);
        using var created = await ingest.PostAsJsonAsync("/api/ingest/credentials", new { name = "audited-lrs" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("credential").GetProperty("key").GetString()!;
        using (var revoked = await ingest.DeleteAsync($"/api/ingest/credentials/{key}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        using var normalizer = OnBehalf(new HttpClient { BaseAddress = analytics.App.GetEndpoint(ResourceNames.NormalizerWorker) });
        normalizer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", trusted);
        var file = $"audit-{Guid.NewGuid():N}.csv";
        using (var refused = await normalizer.PostAsync($"/api/normalizer/imports/csv?importDate=2025-10-11&fileName={file}",
                   new StringContent("Learner,Card\nLearner 90,x\n", Encoding.UTF8, "text/csv")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        const string unknownEntry = "1-1";
        using (var notThere = await normalizer.PostAsync($"/api/normalizer/dead-letters/{unknownEntry}/replay", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, notThere.StatusCode);
        }

        var credential = await RecordsAsync($"target={Uri.EscapeDataString(key)}");
        Assert.Equal(["credential.revoke", "credential.create"], credential.Select(record => record.GetProperty("action").GetString()));
        Assert.All(credential, record =>
        {
            Assert.Equal("Ingest.Api", record.GetProperty("service").GetString());
            Assert.Equal(Person, record.GetProperty("userName").GetString());
        });
        var import = Assert.Single(await RecordsAsync($"target={file}"));
        Assert.Equal(("csv.import", "failed", "Normalizer.Worker"),
            (import.GetProperty("action").GetString(), import.GetProperty("outcome").GetString(), import.GetProperty("service").GetString()));
        Assert.Contains("column 'Global Q#'", import.GetProperty("detail").GetString());
        var replay = Assert.Single(await RecordsAsync($"target={unknownEntry}&action=dead-letter.replay"));
        Assert.Equal(("not-found", "audit-dashboard-ops", Person),
            (replay.GetProperty("outcome").GetString(), replay.GetProperty("apiKeyName").GetString(), replay.GetProperty("userName").GetString()));
    }

    [Fact]
    public async Task A_refused_lesson_catalogue_is_recorded_as_failed_by_the_normalizer()
    {
        var trusted = await TestApiKeys.CreateAsync(analytics.DatabaseConnectionString, "audit-dashboard-catalogue", ApiKeyScopes.Admin, ApiKeyScopes.OnBehalf);
        using var normalizer = OnBehalf(new HttpClient { BaseAddress = analytics.App.GetEndpoint(ResourceNames.NormalizerWorker) });
        normalizer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", trusted);
        var file = $"catalogue-{Guid.NewGuid():N}.json";

        // Refused: no lesson in it, so the collection's lessons (compared with the generated course) stay as they are.
        using (var refused = await normalizer.PutAsync($"/api/normalizer/catalogue?fileName={file}", new StringContent("{\"lessons\": {}}", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var record = Assert.Single(await RecordsAsync($"target={file}"));
        Assert.Equal(("lesson-catalogue.load", "failed", "Normalizer.Worker", Person),
            (record.GetProperty("action").GetString(), record.GetProperty("outcome").GetString(), record.GetProperty("service").GetString(), record.GetProperty("userName").GetString()));
        Assert.Contains("no lessons", record.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Records_older_than_the_retention_are_deleted_in_batches_and_the_purge_leaves_one_record_with_the_count()
    {
        var target = $"backdated-{Guid.NewGuid():N}";
        // Three past the 400 days of the default retention (two batches of two in this fixture), one within it.
        Assert.Equal(4, await analytics.CountAsync($$"""
            WITH backdated AS (
                INSERT INTO audit.records (id, at, action, target, outcome, via, service)
                SELECT gen_random_uuid(), now() - make_interval(days => age), 'api-key.create', '{{target}}', 'succeeded', 'command', 'backdated'
                FROM unnest(ARRAY[401, 500, 3000, 399]) AS age
                RETURNING 1)
            SELECT count(*) FROM backdated
            """));

        // The purge runs every second here; a minute allows for a busy machine.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await analytics.CountAsync($"SELECT count(*) FROM audit.records WHERE target = '{target}'") > 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        Assert.Equal(1, await analytics.CountAsync($"SELECT count(*) FROM audit.records WHERE target = '{target}' AND at > now() - interval '400 days'"));
        var purge = (await RecordsAsync("action=audit.purge&limit=1"))[0];
        Assert.Equal(("succeeded", "service", "Analytics.Api", "audit.records"),
            (purge.GetProperty("outcome").GetString(), purge.GetProperty("via").GetString(), purge.GetProperty("service").GetString(), purge.GetProperty("target").GetString()));
        Assert.StartsWith("3 records older than", purge.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_command_is_recorded_with_the_account_that_ran_it()
    {
        var (exitCode, output) = await ServiceCommand.RunAsync(analytics.App, ResourceNames.AnalyticsApi, "api-keys", "create", "--name", "audited-cli", "--scopes", "analytics");
        Assert.True(exitCode == 0, output);
        var prefix = System.Text.RegularExpressions.Regex.Match(output, @"\((sta_[^.)]+)\.\.\.\)").Groups[1].Value;
        Assert.True(prefix.Length == ApiKeyStore.PrefixLength, output);

        var record = Assert.Single(await RecordsAsync($"target={prefix}"));
        Assert.Equal(("api-key.create", "command", Environment.UserName),
            (record.GetProperty("action").GetString(), record.GetProperty("via").GetString(), record.GetProperty("userName").GetString()));
        Assert.Equal(JsonValueKind.Null, record.GetProperty("apiKeyName").ValueKind);
    }

    [Fact]
    public async Task Only_admin_keys_read_the_audit_trail_and_bad_filters_are_named()
    {
        // Two keys made as the command makes them: two records at least, for the paging below.
        var reader = await TestApiKeys.CreateAsync(analytics.DatabaseConnectionString, "audit-reader", ApiKeyScopes.Analytics);
        await TestApiKeys.CreateAsync(analytics.DatabaseConnectionString, "audit-reader-2", ApiKeyScopes.Analytics);
        using var forbidden = await analytics.Client(reader).GetAsync("/api/analytics/admin/audit");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var anonymous = await analytics.Client(apiKey: null).GetAsync("/api/analytics/admin/audit");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var admin = analytics.Client();
        using var badAction = await admin.GetAsync("/api/analytics/admin/audit?action=drop-everything");
        Assert.Equal(HttpStatusCode.BadRequest, badAction.StatusCode);
        Assert.Contains("action", await badAction.Content.ReadAsStringAsync());
        using var badLimit = await admin.GetAsync("/api/analytics/admin/audit?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);

        // Pages follow each other without overlap: the second starts below the first's last record.
        var first = JsonDocument.Parse(await admin.GetStringAsync("/api/analytics/admin/audit?limit=1")).RootElement;
        var next = first.GetProperty("next").GetString();
        Assert.Equal(first.GetProperty("items")[0].GetProperty("id").GetString(), next);
        var second = JsonDocument.Parse(await admin.GetStringAsync($"/api/analytics/admin/audit?limit=1&before={next}")).RootElement;
        Assert.True(Guid.Parse(second.GetProperty("items")[0].GetProperty("id").GetString()!).CompareTo(Guid.Parse(next!)) < 0);
    }

    private static HttpClient OnBehalf(HttpClient client)
    {
        client.DefaultRequestHeaders.Add(AuditHeaders.OnBehalfOf, Person);
        return client;
    }

    /// <summary>The records the admin API lists for this filter, newest first.</summary>
    private async Task<IReadOnlyList<JsonElement>> RecordsAsync(string filter)
    {
        using var client = analytics.Client();
        using var response = await client.GetAsync($"/api/analytics/admin/audit?{filter}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray()];
    }
}
