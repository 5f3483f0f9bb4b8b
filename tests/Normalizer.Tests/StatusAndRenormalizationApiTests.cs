using System.Net.Http.Json;
using SevenTaps.ApiKeys;
using SevenTaps.Contracts;

namespace Normalizer.Tests;

/// <summary>The operations page's endpoints on the real system: the stream's status, and re-normalization started and followed over HTTP.</summary>
[Collection(OperationsCollection.Name)]
public sealed class StatusAndRenormalizationApiTests(OperationsFixture normalizer) : IAsyncLifetime
{
    public async Task InitializeAsync() => await normalizer.WaitForKeysAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_status_counts_what_was_added_and_shows_the_group_caught_up()
    {
        using var client = normalizer.OperationsClient();
        await normalizer.WaitDrainedAsync();
        var before = (await client.GetFromJsonAsync<JsonObject>($"{PublicRoutes.Normalizer}/status"))!;

        await normalizer.PostAsync(TestStatements.Workload(12, seed: 41, lessonPrefix: "https://courses.example.com/status"));
        await normalizer.WaitDrainedAsync();
        var after = (await client.GetFromJsonAsync<JsonObject>($"{PublicRoutes.Normalizer}/status"))!;

        Assert.Equal(12, after["entriesAdded"]!.GetValue<long>() - before["entriesAdded"]!.GetValue<long>());
        await using var redis = await normalizer.RedisAsync();
        Assert.Equal(await redis.GetDatabase().StreamLengthAsync(NormalizerFixture.DeadLetterStream), after["deadLetters"]!.GetValue<long>());
        var group = Assert.Single(after["groups"]!.AsArray(), group => group!["name"]!.GetValue<string>() == "normalizer")!;
        Assert.Equal(0, group["pending"]!.GetValue<long>());
        Assert.Equal(0, group["lag"]!.GetValue<long>());
        Assert.True(group["consumers"]!.GetValue<long>() >= 1);

        var analyticsOnly = await TestApiKeys.CreateAsync(normalizer.DatabaseConnectionString, "status-reader", ApiKeyScopes.Analytics);
        using var reader = normalizer.OperationsClient(analyticsOnly);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync($"{PublicRoutes.Normalizer}/status")).StatusCode);
    }

    [Fact]
    public async Task A_renormalization_started_over_http_runs_once_and_reports_its_progress_and_outcome()
    {
        using var client = normalizer.OperationsClient();
        await normalizer.PostAsync(TestStatements.Workload(30, seed: 43, lessonPrefix: "https://courses.example.com/renormalize-api"));
        await normalizer.WaitDrainedAsync();
        var rowsBefore = await normalizer.ScalarAsync<long>("SELECT count(*) FROM analysis.user_activities");
        const string audited = "SELECT count(*) FROM audit.records WHERE action = 'analysis.renormalize' AND outcome = 'succeeded' AND api_key_name = 'bootstrap' AND via = 'api'";
        var auditedBefore = await normalizer.ScalarAsync<long>(audited);

        using var started = await client.PostAsync($"{PublicRoutes.Normalizer}/renormalizations", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("running", (await started.Content.ReadFromJsonAsync<JsonObject>())!["state"]!.GetValue<string>());
        using var second = await client.PostAsync($"{PublicRoutes.Normalizer}/renormalizations", null);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);

        JsonObject status = null!;
        await Eventually.HoldsAsync(async () =>
        {
            status = (await client.GetFromJsonAsync<JsonObject>($"{PublicRoutes.Normalizer}/renormalizations/current"))!;
            return status["state"]!.GetValue<string>() != "running";
        }, seconds: 180);
        Assert.True(status["state"]!.GetValue<string>() == "succeeded", status.ToJsonString());
        Assert.StartsWith("Re-normalized ", status["outcome"]!.GetValue<string>());
        Assert.Contains(status["progress"]!.AsArray(), line => line!.GetValue<string>().StartsWith("Swapped in the new generation", StringComparison.Ordinal));
        Assert.NotNull(status["finishedAt"]);
        // The rebuilt tables hold what the live ones held.
        Assert.Equal(rowsBefore, await normalizer.ScalarAsync<long>("SELECT count(*) FROM analysis.user_activities"));
        // One audit record for the run that ran, none for the one refused (409), with the key that asked.
        Assert.Equal(auditedBefore + 1, await normalizer.ScalarAsync<long>(audited));

        // Finished: another may start.
        using var again = await client.PostAsync($"{PublicRoutes.Normalizer}/renormalizations", null);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        await Eventually.HoldsAsync(async () =>
            (await client.GetFromJsonAsync<JsonObject>($"{PublicRoutes.Normalizer}/renormalizations/current"))!["state"]!.GetValue<string>() != "running", seconds: 180);
    }
}
