using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SevenTaps.Contracts;

namespace SevenTaps.ApiKeys;

/// <summary>
/// API keys: <c>sta_</c> + 192 random bits. Keys are random, so a plain SHA-256 is enough to store them safely
/// (no dictionary to attack) and cheap to check on every request; lookups are cached briefly.
/// </summary>
public sealed class ApiKeyStore(IServiceScopeFactory scopes, TimeProvider time)
{
    public const string KeyPrefix = "sta_";
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (ApiKey? Key, DateTimeOffset Expires)> _cache = new();

    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, IReadOnlyCollection<string> keyScopes, CancellationToken cancellationToken) =>
        await StoreAsync(name, KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_'), keyScopes, cancellationToken);

    /// <summary>
    /// Stores a given key (the development bootstrap key) with every scope, or gives an existing one every scope
    /// (it may predate scopes). Several services do this at once: a lost race for the unique hash is success.
    /// </summary>
    public async Task EnsureAsync(string name, string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ApiKeyContext>();
        var hash = Hash(key);
        var all = ApiKeyScopes.All.ToArray();
        if (await context.ApiKeys.AnyAsync(existing => existing.KeyHash == hash, cancellationToken))
        {
            await context.ApiKeys.Where(existing => existing.KeyHash == hash)
                .ExecuteUpdateAsync(update => update.SetProperty(existing => existing.Scopes, all), cancellationToken);
            _cache.Clear();
            return;
        }
        try
        {
            await StoreAsync(name, key, all, cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another service stored it first, with the same scopes.
        }
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApiKeyContext>().ApiKeys.AsNoTracking()
            .OrderBy(key => key.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<bool> RevokeAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var revoked = await scope.ServiceProvider.GetRequiredService<ApiKeyContext>().ApiKeys
            .Where(key => key.Prefix == prefix && key.RevokedAt == null)
            .ExecuteUpdateAsync(update => update.SetProperty(key => key.RevokedAt, time.GetUtcNow()), cancellationToken);
        _cache.Clear();
        return revoked > 0;
    }

    /// <summary>The active key, or null.</summary>
    /// <exception cref="PostgresException">The key table does not exist yet (see <see cref="ApiKeyContext"/>).</exception>
    public async Task<ApiKey?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var hash = Hash(key);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(hash, out var cached) && cached.Expires > now)
        {
            return cached.Key;
        }
        await using var scope = scopes.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<ApiKeyContext>().ApiKeys.AsNoTracking()
            .SingleOrDefaultAsync(candidate => candidate.KeyHash == hash && candidate.RevokedAt == null, cancellationToken);
        _cache[hash] = (found, now + CacheLifetime);
        return found;
    }

    private async Task<(ApiKey Key, string Secret)> StoreAsync(string name, string key, IReadOnlyCollection<string> keyScopes, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("An API key needs a name.");
        }
        if (CredentialRules.ApiKeyProblem(key) is { } problem)
        {
            throw new ArgumentException($"Invalid API key: {problem}.");
        }
        if (keyScopes.Count == 0 || keyScopes.Any(scope => !ApiKeyScopes.All.Contains(scope)))
        {
            throw new ArgumentException($"An API key needs one or more of the scopes {string.Join(", ", ApiKeyScopes.All)}.");
        }
        var apiKey = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            Prefix = key[..Math.Min(10, key.Length)],
            KeyHash = Hash(key),
            Scopes = [.. keyScopes],
            CreatedAt = time.GetUtcNow(),
        };
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ApiKeyContext>();
        context.ApiKeys.Add(apiKey);
        await context.SaveChangesAsync(cancellationToken);
        _cache.Clear();
        return (apiKey, key);
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
