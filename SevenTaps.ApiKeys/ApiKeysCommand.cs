using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;
using SevenTaps.Audit;
using SevenTaps.Contracts;

namespace SevenTaps.ApiKeys;

/// <summary>
/// <c>api-keys create --name N [--scopes analytics,admin]</c> / <c>list</c> / <c>revoke --prefix P</c>, against the
/// database named by <c>ConnectionStrings__seventaps</c>. The key is shown once, at creation. Creating and revoking
/// leave audit records naming the operating-system account that ran the command.
/// </summary>
public static class ApiKeysCommand
{
    public const string Verb = "api-keys";

    public static bool Handles(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <summary>Runs in the host of <typeparamref name="TOwnerContext"/>, whose migrations create the key table.</summary>
    public static async Task<int> RunAsync<TOwnerContext>(string[] args, Action<NpgsqlDbContextOptionsBuilder> configureOwner)
        where TOwnerContext : DbContext
    {
        using var host = CommandLineHost.Create<TOwnerContext>(ResourceNames.Database, configureOwner, services => services.AddApiKeyStore());
        if (host is null)
        {
            return 2;
        }
        var store = host.Services.GetRequiredService<ApiKeyStore>();
        string? Option(string name) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault();

        switch (args.ElementAtOrDefault(1))
        {
            case "create" when Option("--name") is { } name:
                if (ApiKeyScopes.Parse(Option("--scopes") ?? ApiKeyScopes.Analytics, out var unknown) is not { } scopes)
                {
                    await Console.Error.WriteLineAsync($"Unknown scope '{unknown}'; scopes: {string.Join(", ", ApiKeyScopes.All)}.");
                    return 2;
                }
                var (created, secret) = await store.CreateAsync(name, scopes, AuditActor.Command(), CancellationToken.None);
                Console.WriteLine($"Created API key '{created.Name}' ({created.Prefix}...) with scopes {string.Join(",", created.Scopes)}.");
                Console.WriteLine($"key: {secret}");
                Console.WriteLine("Only a hash is stored: keep the key now. Use it as: Authorization: Bearer <key>");
                return 0;
            case "list":
                foreach (var key in await store.ListAsync(CancellationToken.None))
                {
                    Console.WriteLine($"{key.Prefix}...\t{key.Name}\t{string.Join(",", key.Scopes)}\t{(key.RevokedAt is null ? "active" : $"revoked {key.RevokedAt:u}")}");
                }
                return 0;
            case "revoke" when Option("--prefix") is { } prefix:
                var revoked = await store.RevokeAsync(prefix, AuditActor.Command(), CancellationToken.None);
                Console.WriteLine(revoked ? $"Revoked {prefix}." : $"No active key starts with {prefix}.");
                return revoked ? 0 : 1;
            default:
                await Console.Error.WriteLineAsync(
                    $"usage: api-keys create --name NAME [--scopes {string.Join(",", ApiKeyScopes.All)}] | api-keys list | api-keys revoke --prefix PREFIX");
                return 2;
        }
    }
}
