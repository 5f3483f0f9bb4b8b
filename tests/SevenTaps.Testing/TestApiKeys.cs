using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SevenTaps.ApiKeys;
using SevenTaps.Audit;

namespace SevenTaps.Testing;

/// <summary>
/// Creates API keys in a test's database through the real key store, as <c>api-keys create</c> does (with its audit
/// record, so the system under test must have created the audit table: any service that administers does).
/// </summary>
public static class TestApiKeys
{
    public static async Task<string> CreateAsync(string connectionString, string name, params string[] scopes)
    {
        var services = new ServiceCollection();
        // Options the store depends on (the verification limit) bind from configuration, as in every host.
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(NpgsqlDataSource.Create(connectionString));
        services.AddApiKeyStore();
        await using var provider = services.BuildServiceProvider();
        var (_, secret) = await provider.GetRequiredService<ApiKeyStore>().CreateAsync(name, scopes, AuditActor.Command(), CancellationToken.None);
        return secret;
    }
}
