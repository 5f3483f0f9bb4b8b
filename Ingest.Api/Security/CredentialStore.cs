using Ingest.Api.Infrastructure;
using Ingest.Api.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SevenTaps.Audit;
using SevenTaps.Security;

namespace Ingest.Api.Security;

/// <summary>
/// LRS credentials: creation, revocation, and verification of HTTP Basic key/secret pairs.
/// <para>
/// Secrets are PBKDF2 hashes (<see cref="SecretHasher"/>); a hash made with older parameters is replaced after the
/// secret verifies against it. A verified pair is remembered (under a keyed hash of key and secret, never the secret)
/// for at most <see cref="VerificationLifetime"/> in a cache of at most <see cref="CacheCapacity"/> entries, so a
/// client sending one statement a request pays for PBKDF2 once. Only valid pairs are remembered: nothing a caller
/// invents can fill it. A pair that is not cached is verified within the process's <see cref="SecretVerificationLimit"/>,
/// which may refuse to check it at all (<see cref="SecretVerificationBusyException"/>) when too many are being verified,
/// and once however many requests present it meanwhile (<see cref="SingleFlight{TKey, TValue}"/>).
/// </para>
/// <para>
/// Revocation reaches every replica at once: a trigger on <c>xapi.credentials</c> NOTIFYs the changed row's id
/// (<see cref="SevenTaps.Contracts.ChangeChannels.Credentials"/>) and <see cref="ChangeListener"/> hands it to
/// <see cref="Changed"/>. The cache is used only while that listener is connected: when it is not (starting,
/// PostgreSQL down, a management command) every request is checked against the table.
/// </para>
/// <para>
/// Creating and revoking a credential appends an audit record (<see cref="AuditTrail"/>) in the same transaction;
/// the development bootstrap credential (<see cref="EnsureAsync"/>) comes from configuration and leaves none.
/// </para>
/// </summary>
public sealed class CredentialStore(
    IServiceScopeFactory scopes, NpgsqlDataSource dataSource, TimeProvider time, AuditTrail audit, SecretVerificationLimit verifications,
    ILogger<CredentialStore>? logger = null)
    : IChangeSubscriber
{
    public const int CacheCapacity = 10_000;

    /// <summary>A safety net: revocations arrive as notifications, so this only bounds how long a missed one could matter.</summary>
    public static readonly TimeSpan VerificationLifetime = TimeSpan.FromMinutes(5);

    private readonly BoundedCache<string, LrsCredential> _verified = new(CacheCapacity, VerificationLifetime, time);
    private readonly SingleFlight<string, LrsCredential?> _verifying = new();
    private volatile bool _listening;

    /// <summary>Verified pairs held now (for tests).</summary>
    internal int CachedCount => _verified.Count;

    /// <summary>Whether the cache is in use: the change listener is connected.</summary>
    internal bool IsListening => _listening;

    public string Channel => SevenTaps.Contracts.ChangeChannels.Credentials;

    public async Task<(LrsCredential Credential, string Secret)> CreateAsync(
        string name, IReadOnlyCollection<string> scopes, AuditActor actor, CancellationToken cancellationToken) =>
        await CreateAsync(name, scopes, SecretHasher.NewToken(), SecretHasher.NewToken(), actor, cancellationToken);

    /// <param name="actor">Who creates it, for the audit record; null for the bootstrap credential, which configuration creates.</param>
    private async Task<(LrsCredential Credential, string Secret)> CreateAsync(
        string name, IReadOnlyCollection<string> requestedScopes, string key, string secret, AuditActor? actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A credential needs a name.", nameof(name));
        }
        if (requestedScopes.Count == 0 || requestedScopes.Any(scope => !XapiScopes.Known.Contains(scope)))
        {
            throw new ArgumentException($"Scopes must be among: {string.Join(", ", XapiScopes.Known)}.", nameof(requestedScopes));
        }
        if (CredentialRules.LrsCredentialProblem(key, secret) is { } problem)
        {
            throw new ArgumentException($"Invalid credential: {problem}.");
        }

        var credential = new LrsCredential
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            Key = key,
            SecretHash = SecretHasher.Hash(secret),
            Scopes = requestedScopes.Distinct().ToArray(),
            CreatedAt = time.GetUtcNow(),
        };
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<IngestContext>();
        // The service's context retries transient failures: a transaction of our own must run inside its strategy.
        await context.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            context.Credentials.Add(credential);
            await context.SaveChangesAsync(cancellationToken);
            if (actor is not null)
            {
                await audit.AppendAsync(Connection(context), actor, new AuditEvent(AuditActions.CredentialCreate, credential.Key, AuditOutcomes.Succeeded,
                    $"name {credential.Name}; scopes {string.Join(",", credential.Scopes)}"), cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        });
        return (credential, secret);
    }

    /// <summary>Creates the credential unless one with this key exists (for the development bootstrap credential).</summary>
    public async Task EnsureAsync(string name, IReadOnlyCollection<string> requestedScopes, string key, string secret, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<IngestContext>();
        var existing = await context.Credentials.SingleOrDefaultAsync(credential => credential.Key == key, cancellationToken);
        if (existing is null)
        {
            await CreateAsync(name, requestedScopes, key, secret, actor: null, cancellationToken);
            return;
        }
        var verification = SecretHasher.Verify(secret, existing.SecretHash);
        if (!verification.Valid || verification.NeedsRehash || existing.RevokedAt is not null
            || !existing.Scopes.Order().SequenceEqual(requestedScopes.Order()))
        {
            existing.SecretHash = SecretHasher.Hash(secret);
            existing.RevokedAt = null;
            existing.Scopes = requestedScopes.Distinct().ToArray();
            await context.SaveChangesAsync(cancellationToken);
            Evict(existing.Id);
        }
    }

    public async Task<IReadOnlyList<LrsCredential>> ListAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<IngestContext>();
        return await context.Credentials.AsNoTracking().OrderBy(credential => credential.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Revokes the key; this process forgets it at once, every other one when the table's trigger notifies it. A key
    /// with no active credential is audited too (outcome not-found): someone tried.
    /// </summary>
    public async Task<bool> RevokeAsync(string key, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<IngestContext>();
        var revoked = await context.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var count = await context.Credentials
                .Where(credential => credential.Key == key && credential.RevokedAt == null)
                .ExecuteUpdateAsync(update => update.SetProperty(credential => credential.RevokedAt, time.GetUtcNow()), cancellationToken);
            await audit.AppendAsync(Connection(context), actor,
                new AuditEvent(AuditActions.CredentialRevoke, key, count > 0 ? AuditOutcomes.Succeeded : AuditOutcomes.NotFound), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return count;
        });
        _verified.RemoveWhere((_, credential) => credential.Key == key);
        return revoked > 0;
    }

    /// <summary>The context's connection, on which its current transaction is open: the audit record joins it.</summary>
    private static NpgsqlConnection Connection(IngestContext context) => (NpgsqlConnection)context.Database.GetDbConnection();

    /// <summary>
    /// The credential for a key/secret pair, or null when the pair is unknown, wrong or revoked. An unknown or revoked
    /// key costs the same PBKDF2 as a wrong secret, so the time of the answer does not tell whether the key exists.
    /// </summary>
    /// <exception cref="NpgsqlException">The credentials cannot be read (PostgreSQL unreachable).</exception>
    /// <exception cref="SecretVerificationBusyException">The pair is not cached and the process verifies as many as it may: it was not checked.</exception>
    public async Task<LrsCredential?> VerifyAsync(string key, string secret, CancellationToken cancellationToken)
    {
        var cacheKey = SecretHasher.Fingerprint(key, secret);
        if (_listening && _verified.TryGet(cacheKey, out var cached))
        {
            return cached;
        }
        return await _verifying.RunAsync(cacheKey, () => VerifyUncachedAsync(key, secret, cacheKey), cancellationToken);
    }

    /// <summary>Verifies a pair that is not cached; shared by everyone presenting it meanwhile, so never cancelled by one of them.</summary>
    private async Task<LrsCredential?> VerifyUncachedAsync(string key, string secret, string cacheKey)
    {
        var cancellationToken = CancellationToken.None;
        // Read before the lookup: a revocation notified while it runs keeps its result out of the cache.
        var version = _verified.Version;

        var (credential, verification) = await verifications.RunAsync(async () =>
        {
            var found = await FindActiveAsync(key, cancellationToken);
            return (found, found is null ? new SecretHasher.Verification(SecretHasher.VerifyDummy(secret), false) : SecretHasher.Verify(secret, found.SecretHash));
        }, cancellationToken);
        if (credential is null || !verification.Valid)
        {
            return null;
        }
        if (verification.NeedsRehash)
        {
            await RehashAsync(credential, secret, cancellationToken);
        }
        if (_listening)
        {
            _verified.Set(cacheKey, credential, version);
        }
        return credential;
    }

    void IChangeSubscriber.Changed(string payload)
    {
        if (Guid.TryParse(payload, out var id))
        {
            Evict(id);
        }
        else
        {
            _verified.Clear();
        }
    }

    void IChangeSubscriber.Listening(bool listening)
    {
        // Off first, then emptied: nothing verified while not listening is kept. On: emptied, then used.
        if (!listening)
        {
            _listening = false;
        }
        _verified.Clear();
        _listening = listening;
    }

    private void Evict(Guid id) => _verified.RemoveWhere((_, credential) => credential.Id == id);

    /// <summary>The active credential with this key. Plain SQL on the data source: no EF retries that would hold a request while PostgreSQL is down.</summary>
    private async Task<LrsCredential?> FindActiveAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT id, name, secret_hash, scopes, created_at FROM {IngestContext.Schema}.credentials WHERE key = $1 AND revoked_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new LrsCredential
        {
            Id = reader.GetGuid(0),
            Name = reader.GetString(1),
            Key = key,
            SecretHash = reader.GetString(2),
            Scopes = reader.GetFieldValue<string[]>(3),
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(4),
        };
    }

    /// <summary>
    /// Replaces a hash made with older parameters, unless the secret changed meanwhile. Best effort: a failure is
    /// logged and the login stands (the next one tries again).
    /// </summary>
    private async Task RehashAsync(LrsCredential credential, string secret, CancellationToken cancellationToken)
    {
        var rehashed = SecretHasher.Hash(secret);
        try
        {
            await using var command = dataSource.CreateCommand(
                $"UPDATE {IngestContext.Schema}.credentials SET secret_hash = $1 WHERE id = $2 AND secret_hash = $3");
            command.Parameters.Add(new NpgsqlParameter { Value = rehashed });
            command.Parameters.Add(new NpgsqlParameter { Value = credential.Id });
            command.Parameters.Add(new NpgsqlParameter { Value = credential.SecretHash });
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                logger?.LogInformation("Credential {Key}: secret hash upgraded from {Old} to {New} PBKDF2 iterations",
                    credential.Key, SecretHasher.IterationsOf(credential.SecretHash), SecretHasher.Iterations);
                credential.SecretHash = rehashed;
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            logger?.LogWarning(exception, "Credential {Key}: the secret hash could not be upgraded; the next login tries again", credential.Key);
        }
    }
}
