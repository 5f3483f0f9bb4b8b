using Analytics.Api.Infrastructure;

namespace Analytics.Api.Security;

/// <summary>
/// <c>Analytics.Api api-keys create --name N</c> / <c>list</c> / <c>revoke --prefix P</c>, against the database named by
/// <c>ConnectionStrings__seventaps</c>. The key is shown once, at creation.
/// </summary>
public static class ApiKeysCommand
{
    public const string Verb = "api-keys";

    public static bool Handles(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> RunAsync(string[] args)
    {
        using var host = await CommandLineHost.CreateAsync<AnalyticsContext>(ResourceNames.Database, AnalyticsContextOptions.Configure, services =>
        {
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton<ApiKeyStore>();
        });
        if (host is null)
        {
            return 2;
        }
        var store = host.Services.GetRequiredService<ApiKeyStore>();
        string? Option(string name) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault();

        switch (args.ElementAtOrDefault(1))
        {
            case "create" when Option("--name") is { } name:
                var (created, secret) = await store.CreateAsync(name, CancellationToken.None);
                Console.WriteLine($"Created API key '{created.Name}' ({created.Prefix}...).");
                Console.WriteLine($"key: {secret}");
                Console.WriteLine("Only a hash is stored: keep the key now. Use it as: Authorization: Bearer <key>");
                return 0;
            case "list":
                foreach (var key in await store.ListAsync(CancellationToken.None))
                {
                    Console.WriteLine($"{key.Prefix}...\t{key.Name}\t{(key.RevokedAt is null ? "active" : $"revoked {key.RevokedAt:u}")}");
                }
                return 0;
            case "revoke" when Option("--prefix") is { } prefix:
                var revoked = await store.RevokeAsync(prefix, CancellationToken.None);
                Console.WriteLine(revoked ? $"Revoked {prefix}." : $"No active key starts with {prefix}.");
                return revoked ? 0 : 1;
            default:
                await Console.Error.WriteLineAsync("usage: api-keys create --name NAME | api-keys list | api-keys revoke --prefix PREFIX");
                return 2;
        }
    }
}
