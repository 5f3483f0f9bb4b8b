using System.ComponentModel.DataAnnotations;

namespace SevenTaps.Security;

/// <summary>Settings of the process-wide limit on secret verifications, section <c>SecretVerification</c> (every service).</summary>
public sealed class SecretVerificationOptions
{
    public const string SectionName = "SecretVerification";

    /// <summary>
    /// Verifications (PBKDF2 of a presented secret that is not cached) running at once. One per core by default:
    /// each keeps a core busy for about a quarter of a second, so more at once only slows every one of them.
    /// </summary>
    [Range(1, 1_024)]
    public int MaxConcurrent { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Verifications waiting for a free slot, oldest first; one more is refused at once. Short on purpose: a waiting
    /// caller is held for about a quarter of a second per verification ahead of it.
    /// </summary>
    [Range(0, 10_000)]
    public int QueueLimit { get; set; } = 2 * Environment.ProcessorCount;

    /// <summary>What a refused caller is told to wait (Retry-After) before trying again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
