using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using SevenTaps.Audit;
using SevenTaps.Contracts;
using SevenTaps.Security;

namespace SevenTaps.ApiKeys;

/// <summary>
/// API keys: <c>sta_</c> + 192 random bits. Stored as a PBKDF2 hash (<see cref="SecretHasher"/>, like xAPI
/// secrets) beside the key's first <see cref="PrefixLength"/> characters, by which a presented key finds its row;
/// keys stored before PBKDF2 (a bare SHA-256) verify once and are re-hashed. A key that matches no row costs the same
/// PBKDF2, so the time of an answer does not tell whether a key exists.
/// <para>
/// Verified keys are cached (under a keyed hash of the key; at most <see cref="CacheCapacity"/> entries, each for at
/// most <see cref="CacheLifetime"/>); unknown keys are not remembered at all. A trigger on the key table NOTIFYs
/// every change (<see cref="ChangeChannels.ApiKeys"/>) and each process's <see cref="ChangeListener"/> evicts the
/// key, so a revocation takes effect in every replica at once; the cache is only used while the listener is connected.
/// A key that is not cached is verified within the process's <see cref="SecretVerificationLimit"/>, which may refuse
/// to check it at all (<see cref="SecretVerificationBusyException"/>) when too many are being verified already, and
/// once however many requests present it meanwhile (<see cref="SingleFlight{TKey, TValue}"/>).
/// </para>
/// <para>
/// Creating and revoking a key appends an audit record (<see cref="AuditTrail"/>) in the same transaction. The
/// development bootstrap keys (<see cref="EnsureAsync"/>) come from configuration, not from an administrator, and
/// leave none.
/// </para>
/// </summary>
public sealed class ApiKeyStore(
    IServiceScopeFactory scopes, TimeProvider time, AuditTrail audit, SecretVerificationLimit verifications, ILogger<ApiKeyStore>? logger = null)
    : IChangeSubscriber
{
    public const string KeyPrefix = "sta_";

    /// <summary>Characters of a key stored in clear, to find its row and tell keys apart in listings.</summary>
    public const int PrefixLength = 10;

    public const int CacheCapacity = 10_000;

    /// <summary>A safety net: revocations arrive as notifications, so this only bounds how long a missed one could matter.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Rows sharing a prefix that are checked at most (keys are random: two sharing 36 bits are already rare).</summary>
    private const int MaxCandidates = 8;

    private readonly BoundedCache<string, ApiKey> _cache = new(CacheCapacity, CacheLifetime, time);
    private readonly SingleFlight<string, ApiKey?> _lookups = new();
    private volatile bool _listening;

    /// <summary>Verified keys held now (for tests).</summary>
    internal int CachedCount => _cache.Count;

    /// <summary>Whether the cache is in use: the change listener is connected.</summary>
    internal bool IsListening => _listening;

    public string Channel => ChangeChannels.ApiKeys;

    public static string PrefixOf(string key) => key[..Math.Min(PrefixLength, key.Length)];

    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, IReadOnlyCollection<string> keyScopes, AuditActor actor, CancellationToken cancellationToken)
    {
        var secret = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        var apiKey = NewKey(name, secret, keyScopes);
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ApiKeyContext>();
        // A command's host registers the context with retries: a transaction of our own must run inside its strategy.
        await context.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            context.ApiKeys.Add(apiKey);
            await context.SaveChangesAsync(cancellationToken);
            await audit.AppendAsync(Connection(context), actor,
                new AuditEvent(AuditActions.ApiKeyCreate, apiKey.Prefix, AuditOutcomes.Succeeded, $"name {apiKey.Name}; scopes {string.Join(",", apiKey.Scopes)}"),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        return (apiKey, secret);
    }

    /// <summary>
    /// Stores a given key (the development bootstrap key) with every scope, or gives an existing one every scope
    /// (it may predate scopes). Several services do this at once: an advisory lock makes them take turns, so the key
    /// is stored once.
    /// </summary>
    public async Task EnsureAsync(string name, string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ApiKeyContext>();
        var all = ApiKeyScopes.All.ToArray();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await context.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [AdvisoryLocks.ApiKeyBootstrap], cancellationToken);
        var prefix = PrefixOf(key);
        var candidates = await context.ApiKeys.Where(existing => existing.Prefix == prefix).ToListAsync(cancellationToken);
        foreach (var existing in candidates)
        {
            var verification = SecretHasher.Verify(key, existing.KeyHash);
            if (!verification.Valid)
            {
                continue;
            }
            existing.Scopes = all;
            if (verification.NeedsRehash)
            {
                existing.KeyHash = SecretHasher.Hash(key);
            }
            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            Evict(existing.Id);
            return;
        }
        context.ApiKeys.Add(NewKey(name, key, all));
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApiKeyContext>().ApiKeys.AsNoTracking()
            .OrderBy(key => key.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Revokes the active key with this prefix; this process forgets it at once, every other one when the table's
    /// trigger notifies it. A prefix with no active key is audited too (outcome not-found): someone tried.
    /// </summary>
    public async Task<bool> RevokeAsync(string prefix, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ApiKeyContext>();
        var revoked = await context.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var count = await context.ApiKeys
                .Where(key => key.Prefix == prefix && key.RevokedAt == null)
                .ExecuteUpdateAsync(update => update.SetProperty(key => key.RevokedAt, time.GetUtcNow()), cancellationToken);
            await audit.AppendAsync(Connection(context), actor,
                new AuditEvent(AuditActions.ApiKeyRevoke, prefix, count > 0 ? AuditOutcomes.Succeeded : AuditOutcomes.NotFound), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return count;
        });
        _cache.RemoveWhere((_, key) => key.Prefix == prefix);
        return revoked > 0;
    }

    /// <summary>The active key, or null.</summary>
    /// <exception cref="PostgresException">The key table does not exist yet (see <see cref="ApiKeyContext"/>).</exception>
    /// <exception cref="SecretVerificationBusyException">The key is not cached and the process verifies as many as it may: it was not checked.</exception>
    public async Task<ApiKey?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var cacheKey = Convert.ToBase64String(SecretHasher.Fingerprint(key));
        if (_listening && _cache.TryGet(cacheKey, out var cached))
        {
            return cached;
        }
        return await _lookups.RunAsync(cacheKey, () => LookUpAsync(key, cacheKey), cancellationToken);
    }

    /// <summary>Finds and verifies a key that is not cached; shared by everyone presenting it meanwhile, so never cancelled by one of them.</summary>
    private async Task<ApiKey?> LookUpAsync(string key, string cacheKey)
    {
        var cancellationToken = CancellationToken.None;
        // Read before the lookup: a revocation notified while it runs keeps its result out of the cache.
        var version = _cache.Version;

        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ApiKeyContext>();
        var (match, verification) = await verifications.RunAsync(
            async () => Match(key, await CandidatesAsync(context, PrefixOf(key), cancellationToken)), cancellationToken);
        if (match is null)
        {
            return null;
        }
        if (verification.NeedsRehash)
        {
            await RehashAsync(context, match, key, cancellationToken);
        }
        if (_listening)
        {
            _cache.Set(cacheKey, match, version);
        }
        return match;
    }

    /// <summary>The keys a presented key may be: those with its prefix that are not revoked.</summary>
    private static Task<List<ApiKey>> CandidatesAsync(ApiKeyContext context, string prefix, CancellationToken cancellationToken) =>
        context.ApiKeys.AsNoTracking()
            .Where(candidate => candidate.Prefix == prefix && candidate.RevokedAt == null)
            .OrderBy(candidate => candidate.CreatedAt).Take(MaxCandidates)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Runs the look-up's query for a prefix no key has, so that a new process has built its model and compiled the
    /// query before the first key arrives (without a verification: that costs the same for every key and warms nothing).
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await CandidatesAsync(scope.ServiceProvider.GetRequiredService<ApiKeyContext>(), "", cancellationToken);
    }

    /// <summary>
    /// The candidate the key verifies against (PBKDF2 each), or none; with no candidate at all, a dummy verification
    /// costs the same, so the time of the answer does not tell whether the prefix exists.
    /// </summary>
    private static (ApiKey? Match, SecretHasher.Verification Verification) Match(string key, IReadOnlyList<ApiKey> candidates)
    {
        if (candidates.Count == 0)
        {
            SecretHasher.VerifyDummy(key);
            return (null, default);
        }
        foreach (var candidate in candidates)
        {
            var verification = SecretHasher.Verify(key, candidate.KeyHash);
            if (verification.Valid)
            {
                return (candidate, verification);
            }
        }
        return (null, default);
    }

    void IChangeSubscriber.Changed(string payload)
    {
        if (Guid.TryParse(payload, out var id))
        {
            Evict(id);
        }
        else
        {
            _cache.Clear();
        }
    }

    void IChangeSubscriber.Listening(bool listening)
    {
        // Off first, then emptied: nothing verified while not listening is kept. On: emptied, then used.
        if (!listening)
        {
            _listening = false;
        }
        _cache.Clear();
        _listening = listening;
    }

    private void Evict(Guid id) => _cache.RemoveWhere((_, key) => key.Id == id);

    /// <summary>
    /// Replaces a hash made with older parameters (or a pre-PBKDF2 SHA-256), unless it changed meanwhile. Best effort:
    /// a service whose role may not update the table, or a failure, leaves it for the next login.
    /// </summary>
    private async Task RehashAsync(ApiKeyContext context, ApiKey key, string secret, CancellationToken cancellationToken)
    {
        var rehashed = SecretHasher.Hash(secret);
        try
        {
            var updated = await context.ApiKeys
                .Where(row => row.Id == key.Id && row.KeyHash == key.KeyHash)
                .ExecuteUpdateAsync(update => update.SetProperty(row => row.KeyHash, rehashed), cancellationToken);
            if (updated == 1)
            {
                logger?.LogInformation("API key {Prefix}: hash upgraded from {Old} to {New} PBKDF2 iterations",
                    key.Prefix, SecretHasher.IterationsOf(key.KeyHash), SecretHasher.Iterations);
                key.KeyHash = rehashed;
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or DbUpdateException)
        {
            logger?.LogWarning(exception, "API key {Prefix}: the hash could not be upgraded; the next login tries again", key.Prefix);
        }
    }

    /// <summary>The context's connection, on which its current transaction is open: the audit record joins it.</summary>
    private static NpgsqlConnection Connection(ApiKeyContext context) => (NpgsqlConnection)context.Database.GetDbConnection();

    private ApiKey NewKey(string name, string key, IReadOnlyCollection<string> keyScopes)
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
        return new ApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            Prefix = PrefixOf(key),
            KeyHash = SecretHasher.Hash(key),
            Scopes = [.. keyScopes],
            CreatedAt = time.GetUtcNow(),
        };
    }
}
