using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SevenTaps.ApiKeys;
using SevenTaps.Audit;
using SevenTaps.Security;

namespace Analytics.Tests;

/// <summary>
/// API keys are stored as PBKDF2 hashes, and a revoked key stops working in every process within 1 s: the real
/// analytics-api and two key stores of their own (each with its cache, data source and change listener) against the
/// same PostgreSQL.
/// </summary>
[Collection(AnalyticsCollection.Name)]
public sealed class ApiKeySecurityTests(AnalyticsFixture analytics)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_key_is_stored_as_a_PBKDF2_hash_beside_its_prefix()
    {
        var key = await TestApiKeys.CreateAsync(analytics.DatabaseConnectionString, "hashed", ApiKeyScopes.Analytics);

        await using var connection = new NpgsqlConnection(analytics.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT prefix, key_hash FROM analytics.api_keys WHERE prefix = $1", connection)
            { Parameters = { new NpgsqlParameter { Value = key[..ApiKeyStore.PrefixLength] } } };
        await using var reader = await query.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.StartsWith("pbkdf2-sha256$600000$", reader.GetString(1));
        Assert.DoesNotContain(key, reader.GetString(1));
    }

    [Fact]
    public async Task A_revoked_key_leaves_every_cache_within_a_second()
    {
        await using var first = await KeyStoreReplica.StartAsync(analytics.DatabaseConnectionString, "key-replica-a");
        await using var second = await KeyStoreReplica.StartAsync(analytics.DatabaseConnectionString, "key-replica-b");
        var (created, key) = await first.Store.CreateAsync("revoked-everywhere", [ApiKeyScopes.Analytics], AuditActor.Command(), CancellationToken.None);
        using var client = analytics.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/analytics/overview")).StatusCode);
        foreach (var replica in new[] { first, second })
        {
            Assert.NotNull(await replica.Store.FindAsync(key, CancellationToken.None));
            Assert.Equal(1, replica.Store.CachedCount);
        }

        // The analytics API's own endpoint, as the dashboard's API keys page revokes.
        using var admin = analytics.Client();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/analytics/admin/api-keys/{created.Prefix}")).StatusCode);
        var revokedAt = Stopwatch.StartNew();

        await Task.WhenAll(first.EvictedWithinAsync(revokedAt), second.EvictedWithinAsync(revokedAt));
        Assert.Null(await first.Store.FindAsync(key, CancellationToken.None));
        Assert.Null(await second.Store.FindAsync(key, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/analytics/overview")).StatusCode);
    }

    [Fact]
    public async Task A_key_deleted_from_the_table_leaves_the_cache_too_and_unknown_keys_are_never_cached()
    {
        await using var replica = await KeyStoreReplica.StartAsync(analytics.DatabaseConnectionString, "key-replica-delete");
        var (created, key) = await replica.Store.CreateAsync("deleted", [ApiKeyScopes.Analytics], AuditActor.Command(), CancellationToken.None);
        Assert.NotNull(await replica.Store.FindAsync(key, CancellationToken.None));
        Assert.Null(await replica.Store.FindAsync(ApiKeyStore.KeyPrefix + Guid.NewGuid().ToString("N"), CancellationToken.None));
        Assert.Null(await replica.Store.FindAsync(key + "x", CancellationToken.None));
        Assert.Equal(1, replica.Store.CachedCount);

        await using (var connection = new NpgsqlConnection(analytics.DatabaseConnectionString))
        {
            await connection.OpenAsync();
            await using var delete = new NpgsqlCommand("DELETE FROM analytics.api_keys WHERE id = $1", connection)
                { Parameters = { new NpgsqlParameter { Value = created.Id } } };
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }
        await replica.EvictedWithinAsync(Stopwatch.StartNew());
        Assert.Null(await replica.Store.FindAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Requests_presenting_one_uncached_key_at_once_share_a_single_verification()
    {
        // One verification at a time and none waiting: every request that started its own would be refused.
        await using var replica = await KeyStoreReplica.StartAsync(analytics.DatabaseConnectionString, "key-replica-single-flight",
            new() { ["SecretVerification:MaxConcurrent"] = "1", ["SecretVerification:QueueLimit"] = "0" });
        var (created, key) = await replica.Store.CreateAsync("presented-at-once", [ApiKeyScopes.Analytics], AuditActor.Command(), CancellationToken.None);

        var found = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => replica.Store.FindAsync(key, CancellationToken.None))));

        Assert.All(found, key => Assert.Equal(created.Id, key?.Id));
        Assert.Equal(1, replica.Store.CachedCount);
    }

    [Fact]
    public async Task Failed_keys_from_one_address_are_held_back_with_429()
    {
        const string address = "198.19.0.1";
        for (var failure = 1; failure <= 20; failure++)
        {
            using var wrong = await SendAsync(ApiKeyStore.KeyPrefix + Guid.NewGuid().ToString("N"));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var held = await SendAsync(AnalyticsFixture.ApiKey);
        Assert.Equal((HttpStatusCode)429, held.StatusCode);
        Assert.NotNull(held.Headers.RetryAfter);

        async Task<HttpResponseMessage> SendAsync(string key)
        {
            using var client = analytics.Client(key);
            client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
            return await client.GetAsync("/api/analytics/overview");
        }
    }

    /// <summary>A key store as a service has it: its own data source, cache and change listener.</summary>
    private sealed class KeyStoreReplica : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly IReadOnlyList<IHostedService> _hosted;

        private KeyStoreReplica(ServiceProvider services)
        {
            _services = services;
            _hosted = services.GetServices<IHostedService>().ToList();
            Store = services.GetRequiredService<ApiKeyStore>();
        }

        public ApiKeyStore Store { get; }

        public static async Task<KeyStoreReplica> StartAsync(string connectionString, string name, Dictionary<string, string?>? settings = null)
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());
            services.AddSingleton(_ => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = name }.ConnectionString));
            services.AddApiKeyVerification();
            var replica = new KeyStoreReplica(services.BuildServiceProvider());
            foreach (var hosted in replica._hosted)
            {
                await hosted.StartAsync(CancellationToken.None);
            }
            var deadline = Stopwatch.StartNew();
            while (!replica.Store.IsListening)
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(15), "The key store's listener did not connect.");
                await Task.Delay(50);
            }
            return replica;
        }

        public async Task EvictedWithinAsync(Stopwatch sinceRevocation)
        {
            while (Store.CachedCount > 0)
            {
                Assert.True(sinceRevocation.Elapsed < Limit, $"Still cached {sinceRevocation.Elapsed.TotalMilliseconds:F0} ms after the revocation.");
                await Task.Delay(10);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var hosted in _hosted)
            {
                await hosted.StopAsync(CancellationToken.None);
            }
            await _services.DisposeAsync();
        }
    }
}
