using System.Diagnostics;
using System.Net.Http.Headers;
using Ingest.Api.Infrastructure;
using Ingest.Api.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SevenTaps.Audit;
using SevenTaps.Contracts;
using SevenTaps.Security;

namespace Ingest.Tests;

/// <summary>
/// Revocation reaches every replica within 1 s: two credential stores of their own (each with its cache, data
/// source and change listener, as two ingest processes have) against the fixture's PostgreSQL, and a second real
/// ingest-api process beside the fixture's (<see cref="IngestReplica"/>).
/// </summary>
[Collection(IngestCollection.Name)]
public sealed class CredentialRevocationTests(IngestFixture ingest)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_credential_revoked_anywhere_leaves_the_cache_of_every_store_within_a_second()
    {
        await using var first = await Replica.StartAsync(ingest.DatabaseConnectionString, "replica-a");
        await using var second = await Replica.StartAsync(ingest.DatabaseConnectionString, "replica-b");
        var (credential, secret) = await first.Store.CreateAsync("revoked-everywhere", [XapiScopes.All], AuditActor.Command(), CancellationToken.None);

        foreach (var replica in new[] { first, second })
        {
            Assert.NotNull(await replica.Store.VerifyAsync(credential.Key, secret, CancellationToken.None));
            Assert.Equal(1, replica.Store.CachedCount);
        }

        // Revoked as the command and the dashboard do, from a third process's point of view: straight in the table.
        await using (var connection = new NpgsqlConnection(ingest.DatabaseConnectionString))
        {
            await connection.OpenAsync();
            await using var revoke = new NpgsqlCommand("UPDATE xapi.credentials SET revoked_at = now() WHERE key = $1", connection)
                { Parameters = { new NpgsqlParameter { Value = credential.Key } } };
            await revoke.ExecuteNonQueryAsync();
        }
        var revokedAt = Stopwatch.StartNew();

        await Task.WhenAll(first.EvictedWithinAsync(revokedAt), second.EvictedWithinAsync(revokedAt));
        Assert.Null(await first.Store.VerifyAsync(credential.Key, secret, CancellationToken.None));
        Assert.Null(await second.Store.VerifyAsync(credential.Key, secret, CancellationToken.None));
    }

    [Fact]
    public async Task A_store_whose_listening_connection_is_lost_stops_trusting_its_cache_and_listens_again()
    {
        await using var replica = await Replica.StartAsync(ingest.DatabaseConnectionString, "replica-reconnecting");
        var (credential, secret) = await replica.Store.CreateAsync("reconnected", [XapiScopes.All], AuditActor.Command(), CancellationToken.None);
        Assert.NotNull(await replica.Store.VerifyAsync(credential.Key, secret, CancellationToken.None));
        Assert.Equal(1, replica.Store.CachedCount);

        Assert.Equal(1, await ingest.ScalarAsync<int>(
            "SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity WHERE application_name = $1", "replica-reconnecting" + ChangeListener.ApplicationNameSuffix));

        // The lost connection empties the cache at once; the listener is back within its retry interval.
        await Eventually.HoldsAsync(() => Task.FromResult(!replica.Store.IsListening || replica.Store.CachedCount == 0), seconds: 10);
        await Eventually.HoldsAsync(() => Task.FromResult(replica.Store.IsListening), seconds: 15);
        Assert.NotNull(await replica.Store.VerifyAsync(credential.Key, secret, CancellationToken.None));
        Assert.Equal(1, replica.Store.CachedCount);

        Assert.True(await new CredentialStoreClient(ingest.DatabaseConnectionString).RevokeAsync(credential.Key));
        await replica.EvictedWithinAsync(Stopwatch.StartNew());
    }

    [Fact]
    public async Task Unknown_keys_and_wrong_secrets_are_never_cached()
    {
        await using var replica = await Replica.StartAsync(ingest.DatabaseConnectionString, "replica-unknown");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Null(await replica.Store.VerifyAsync("unknown-" + Guid.NewGuid().ToString("N"), "whatever-secret", CancellationToken.None));
            Assert.Null(await replica.Store.VerifyAsync(IngestFixture.Key, "wrong-secret-" + attempt, CancellationToken.None));
        }
        Assert.Equal(0, replica.Store.CachedCount);
    }

    [Fact]
    public async Task A_second_ingest_replica_refuses_a_revoked_credential_within_a_second_as_the_first_does()
    {
        await using var secondReplica = await IngestReplica.StartAsync(ingest);
        var (key, secret) = await ingest.CreateCredentialAsync("two-replicas", "all");
        var replicas = new[] { ingest.BaseAddress, secondReplica.BaseAddress };
        foreach (var replica in replicas)
        {
            // Twice: the second answer comes from the replica's cache.
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(replica, key, secret));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(replica, key, secret));
        }
        // Both replicas listen (one session each).
        Assert.Equal(2, await ingest.ScalarAsync<int>(
            "SELECT count(*)::int FROM pg_stat_activity WHERE application_name LIKE $1", "Ingest%" + ChangeListener.ApplicationNameSuffix));

        var (exitCode, output) = await ingest.RunCredentialsCommandAsync("revoke", "--key", key);
        Assert.True(exitCode == 0, output);
        var revokedAt = Stopwatch.StartNew();

        await Task.WhenAll(replicas.Select(async replica =>
        {
            while (await StatusAsync(replica, key, secret) != HttpStatusCode.Unauthorized)
            {
                Assert.True(revokedAt.Elapsed < Limit, $"{replica} still accepted the revoked credential after {revokedAt.Elapsed.TotalMilliseconds:F0} ms.");
                await Task.Delay(20);
            }
        }));
    }

    private static async Task<HttpStatusCode> StatusAsync(Uri replica, string key, string secret)
    {
        using var client = new HttpClient { BaseAddress = replica, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}")));
        client.DefaultRequestHeaders.Add("X-Experience-API-Version", "1.0.3");
        using var response = await client.GetAsync("/xapi/statements?limit=1");
        return response.StatusCode;
    }

    /// <summary>A credential store as an ingest process has it: its own data source, cache and change listener.</summary>
    private sealed class Replica : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly IReadOnlyList<IHostedService> _hosted;

        private Replica(ServiceProvider services)
        {
            _services = services;
            _hosted = services.GetServices<IHostedService>().ToList();
            Store = services.GetRequiredService<CredentialStore>();
        }

        public CredentialStore Store { get; }

        public static async Task<Replica> StartAsync(string connectionString, string name)
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton(_ => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = name }.ConnectionString));
            services.AddDbContext<IngestContext>((provider, options) => options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>(), IngestContextOptions.Configure));
            services.AddAuditWriter();
            services.AddSecretVerificationLimit();
            services.AddSingleton<CredentialStore>();
            services.AddChangeSubscriber<CredentialStore>();
            var replica = new Replica(services.BuildServiceProvider());
            foreach (var hosted in replica._hosted)
            {
                await hosted.StartAsync(CancellationToken.None);
            }
            await Eventually.HoldsAsync(() => Task.FromResult(replica.Store.IsListening), seconds: 15);
            return replica;
        }

        /// <summary>Waits for the cache to lose the entry, failing once <see cref="Limit"/> has passed since the revocation.</summary>
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

    /// <summary>Revokes through a store of its own, with no listener (as the credentials command does).</summary>
    private sealed class CredentialStoreClient(string connectionString)
    {
        public async Task<bool> RevokeAsync(string key)
        {
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
            services.AddDbContext<IngestContext>((provider, options) => options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>(), IngestContextOptions.Configure));
            services.AddAuditWriter();
            services.AddSecretVerificationLimit();
            services.AddSingleton<CredentialStore>();
            await using var provider = services.BuildServiceProvider();
            return await provider.GetRequiredService<CredentialStore>().RevokeAsync(key, AuditActor.Command(), CancellationToken.None);
        }
    }
}
