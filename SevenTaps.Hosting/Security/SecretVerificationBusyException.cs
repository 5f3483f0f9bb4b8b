namespace SevenTaps.Security;

/// <summary>
/// A secret was not verified because <see cref="SecretVerificationLimit"/> had no slot and its queue was full:
/// nothing is known about the secret, so the caller answers "try again" (503 with Retry-After), not "wrong".
/// </summary>
public sealed class SecretVerificationBusyException(TimeSpan retryAfter)
    : Exception("Too many secrets are being verified at once; nothing was checked.")
{
    public TimeSpan RetryAfter => retryAfter;
}
