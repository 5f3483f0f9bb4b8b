using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SevenTaps.Security;

/// <summary>
/// One process-wide limit on PBKDF2 verifications of presented secrets (xAPI credentials, API keys) that are not
/// cached: at most <see cref="SecretVerificationOptions.MaxConcurrent"/> at once, a short queue of
/// <see cref="SecretVerificationOptions.QueueLimit"/> behind them, and beyond that a refusal at once, without
/// hashing (<see cref="SecretVerificationBusyException"/>).
/// <para>
/// Why: failed logins are throttled per key and per client address (<see cref="LoginThrottle"/>), but many clients or
/// addresses each sending a fresh wrong secret would still make every core hash at once and starve real traffic.
/// Secrets already verified are answered from the stores' caches, before this limit: a client that logged in once
/// never waits behind strangers' guesses.
/// </para>
/// </summary>
public sealed class SecretVerificationLimit : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly TimeSpan _retryAfter;

    public SecretVerificationLimit(IOptions<SecretVerificationOptions> options)
    {
        var settings = options.Value;
        _retryAfter = settings.RetryAfter;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.MaxConcurrent,
            QueueLimit = settings.QueueLimit,
            // Oldest first: a full queue refuses the newcomer, so whoever waits is served in arrival order.
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>
    /// Runs <paramref name="verify"/> (the look-up of what the secret is checked against, then the PBKDF2 work) once a
    /// slot is free. The look-up runs under the slot too, so a refusal costs no query: a burst of guesses beyond the
    /// limit is refused without a database round trip or a pooled connection each.
    /// </summary>
    /// <exception cref="SecretVerificationBusyException">Every slot is taken and the queue is full: <paramref name="verify"/> did not run.</exception>
    public async ValueTask<T> RunAsync<T>(Func<Task<T>> verify, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            throw new SecretVerificationBusyException(_retryAfter);
        }
        return await verify();
    }

    public void Dispose() => _limiter.Dispose();
}
