using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SevenTaps.ApiKeys;

namespace SevenTaps.Testing;

/// <summary>Creates API keys in a test's database through the real key store, as <c>api-keys create</c> does.</summary>
public static class TestApiKeys
{
    public static async Task<string> CreateAsync(string connectionString, string name, params string[] scopes)
    {
        var services = new ServiceCollection();
        services.AddSingleton(NpgsqlDataSource.Create(connectionString));
        services.AddApiKeyStore();
        await using var provider = services.BuildServiceProvider();
        var (_, secret) = await provider.GetRequiredService<ApiKeyStore>().CreateAsync(name, scopes, CancellationToken.None);
        return secret;
    }
}
