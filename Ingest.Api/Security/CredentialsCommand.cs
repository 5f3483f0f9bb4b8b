using Ingest.Api.Infrastructure;
using SevenTaps.Audit;

namespace Ingest.Api.Security;

/// <summary>
/// <c>Ingest.Api credentials create --name N --scopes a,b</c> / <c>list</c> / <c>revoke --key K</c>: manages LRS
/// credentials in the database named by <c>ConnectionStrings__seventaps</c>. The secret is shown once, at creation.
/// Creating and revoking leave audit records naming the operating-system account that ran the command.
/// </summary>
public static class CredentialsCommand
{
    public const string Verb = "credentials";

    public static bool Handles(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> RunAsync(string[] args)
    {
        using var host = CommandLineHost.Create<IngestContext>(ResourceNames.Database, IngestContextOptions.Configure, services =>
        {
            services.AddSingleton(TimeProvider.System);
            services.AddAuditWriter();
            services.AddSecretVerificationLimit();
            services.AddSingleton<CredentialStore>();
        });
        if (host is null)
        {
            return 2;
        }
        var store = host.Services.GetRequiredService<CredentialStore>();
        var options = ParseOptions(args.Skip(2).ToArray());

        switch (args.ElementAtOrDefault(1))
        {
            case "create" when options.TryGetValue("name", out var name):
                var scopes = (options.GetValueOrDefault("scopes") ?? XapiScopes.StatementsWrite)
                    .Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                try
                {
                    var (credential, secret) = await store.CreateAsync(name, scopes, AuditActor.Command(), CancellationToken.None);
                    Console.WriteLine($"Created credential '{credential.Name}' with scopes {string.Join(" ", credential.Scopes)}.");
                    Console.WriteLine($"key:    {credential.Key}");
                    Console.WriteLine($"secret: {secret}");
                    Console.WriteLine("The secret is not stored in readable form: keep it now.");
                    return 0;
                }
                catch (ArgumentException exception)
                {
                    await Console.Error.WriteLineAsync(exception.Message);
                    return 2;
                }
            case "list":
                foreach (var credential in await store.ListAsync(CancellationToken.None))
                {
                    var state = credential.RevokedAt is null ? "active" : $"revoked {credential.RevokedAt:u}";
                    Console.WriteLine($"{credential.Key}\t{credential.Name}\t{string.Join(" ", credential.Scopes)}\t{state}");
                }
                return 0;
            case "revoke" when options.TryGetValue("key", out var key):
                var revoked = await store.RevokeAsync(key, AuditActor.Command(), CancellationToken.None);
                Console.WriteLine(revoked ? $"Revoked {key}." : $"No active credential has key {key}.");
                return revoked ? 0 : 1;
            default:
                await Console.Error.WriteLineAsync(
                    "usage: credentials create --name NAME [--scopes statements/write,statements/read] | credentials list | credentials revoke --key KEY\n" +
                    $"scopes: {string.Join(", ", XapiScopes.Known)}");
                return 2;
        }
    }

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 0; index + 1 < args.Length; index += 2)
        {
            if (args[index].StartsWith("--", StringComparison.Ordinal))
            {
                options[args[index][2..]] = args[index + 1];
            }
        }
        return options;
    }
}
