using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Ingest.Api.Infrastructure;
using Ingest.Api.Model;
using Microsoft.EntityFrameworkCore;

namespace Ingest.Api.Security;

/// <summary>
/// LRS credentials: creation, revocation, and verification of HTTP Basic key/secret pairs. A verified pair
/// is remembered for <see cref="VerificationLifetime"/> (keyed by a hash of the pair, never the secret itself),
/// so revocation takes effect within that time.
/// </summary>
public sealed class CredentialStore(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan VerificationLifetime = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, (LrsCredential Credential, DateTimeOffset Expires)> _verified = new();

    public async Task<(LrsCredential Credential, string Secret)> CreateAsync(string name, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken) =>
        await CreateAsync(name, scopes, SecretHasher.NewToken(), SecretHasher.NewToken(), cancellationToken);

    public async Task<(LrsCredential Credential, string Secret)> CreateAsync(
        string name, IReadOnlyCollection<string> requestedScopes, string key, string secret, CancellationToken cancellationToken)
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
        context.Credentials.Add(credential);
        await context.SaveChangesAsync(cancellationToken);
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
            await CreateAsync(name, requestedScopes, key, secret, cancellationToken);
        }
        else if (!SecretHasher.Verify(secret, existing.SecretHash) || existing.RevokedAt is not null
                 || !existing.Scopes.Order().SequenceEqual(requestedScopes.Order()))
        {
            existing.SecretHash = SecretHasher.Hash(secret);
            existing.RevokedAt = null;
            existing.Scopes = requestedScopes.Distinct().ToArray();
            await context.SaveChangesAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<LrsCredential>> ListAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<IngestContext>();
        return await context.Credentials.AsNoTracking().OrderBy(credential => credential.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<bool> RevokeAsync(string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<IngestContext>();
        var revoked = await context.Credentials
            .Where(credential => credential.Key == key && credential.RevokedAt == null)
            .ExecuteUpdateAsync(update => update.SetProperty(credential => credential.RevokedAt, time.GetUtcNow()), cancellationToken);
        _verified.Clear();
        return revoked > 0;
    }

    /// <summary>The credential for a key/secret pair, or null when the pair is unknown, wrong or revoked.</summary>
    public async Task<LrsCredential?> VerifyAsync(string key, string secret, CancellationToken cancellationToken)
    {
        var cacheKey = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{key}\0{secret}")));
        var now = time.GetUtcNow();
        if (_verified.TryGetValue(cacheKey, out var cached) && cached.Expires > now)
        {
            return cached.Credential;
        }

        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<IngestContext>();
        var credential = await context.Credentials.AsNoTracking()
            .SingleOrDefaultAsync(candidate => candidate.Key == key && candidate.RevokedAt == null, cancellationToken);
        if (credential is null || !SecretHasher.Verify(secret, credential.SecretHash))
        {
            return null;
        }
        _verified[cacheKey] = (credential, now + VerificationLifetime);
        return credential;
    }
}
