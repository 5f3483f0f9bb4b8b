using System.Security.Cryptography;
using System.Text;

namespace SevenTaps.Security;

/// <summary>
/// Salted PBKDF2-HMAC-SHA256 hashes of secrets (xAPI credential secrets, API keys), at OWASP's current guidance of
/// 600,000 iterations. A hash records its parameters: <c>pbkdf2-sha256$iterations$salt$hash</c> (base64), so hashes
/// made with fewer iterations still verify and <see cref="Verification.NeedsRehash"/> tells the caller to store a
/// new one. API keys stored before PBKDF2 are a bare SHA-256 in hex; they verify too, and always need a rehash.
/// Deliberately slow (hundreds of milliseconds of CPU): callers cache what they verified.
/// </summary>
public static class SecretHasher
{
    public const string Algorithm = "pbkdf2-sha256";
    public const int Iterations = 600_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>Stored hashes outside these bounds are not computed (a corrupt row must not cost minutes of CPU).</summary>
    private const int MinimumIterations = 1_000;
    private const int MaximumIterations = 10_000_000;

    /// <summary>A hash of a random secret nobody knows, with the current parameters: see <see cref="VerifyDummy"/>.</summary>
    private static readonly Lazy<string> Dummy = new(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    /// <summary>Whether a secret matched a stored hash, and whether that hash should be replaced by one with the current parameters.</summary>
    public readonly record struct Verification(bool Valid, bool NeedsRehash);

    public static string Hash(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(secret, salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Algorithm}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static Verification Verify(string secret, string stored)
    {
        if (IsLegacySha256(stored))
        {
            var legacy = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
            var valid = CryptographicOperations.FixedTimeEquals(legacy, Convert.FromHexString(stored));
            return new Verification(valid, valid);
        }
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Algorithm
            || !int.TryParse(parts[1], out var iterations) || iterations is < MinimumIterations or > MaximumIterations
            || !TryFromBase64(parts[2], out var salt) || !TryFromBase64(parts[3], out var expected) || expected.Length == 0)
        {
            return default;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        var matches = CryptographicOperations.FixedTimeEquals(actual, expected);
        return new Verification(matches, matches && (iterations < Iterations || salt.Length < SaltBytes || expected.Length < HashBytes));
    }

    /// <summary>
    /// Spends what verifying a real hash costs, for a key that does not exist (or is revoked), so that the time of
    /// an answer does not tell which keys exist. Always false.
    /// </summary>
    public static bool VerifyDummy(string secret)
    {
        Verify(secret, Dummy.Value);
        return false;
    }

    /// <summary>The iteration count a stored hash was made with (1 for a legacy SHA-256), or null when it is not one of ours.</summary>
    public static int? IterationsOf(string stored) =>
        IsLegacySha256(stored) ? 1
        : stored.Split('$') is [Algorithm, var iterations, _, _] && int.TryParse(iterations, out var count) ? count
        : null;

    /// <summary>Keys of <see cref="Fingerprint"/>: made at process start, never stored or sent.</summary>
    private static readonly byte[] FingerprintKey = RandomNumberGenerator.GetBytes(32);

    /// <summary>
    /// A fixed-size stand-in for caller-supplied text (a key, a key and secret) in this process's caches: HMAC-SHA256
    /// under a key made at process start, so a cache holds neither the secret nor an unkeyed hash that could be
    /// attacked offline from a memory dump, and a long header costs a cache no more than a short one.
    /// </summary>
    public static byte[] Fingerprint(string text) => HMACSHA256.HashData(FingerprintKey, Encoding.UTF8.GetBytes(text));

    /// <summary><see cref="Fingerprint"/> of a key and secret pair, as a dictionary key.</summary>
    public static string Fingerprint(string key, string secret) => Convert.ToBase64String(Fingerprint($"{key}\0{secret}"));

    /// <summary>A random credential key or secret: URL- and header-safe, 144 bits.</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    private static bool IsLegacySha256(string stored) => stored.Length == 64 && stored.All(char.IsAsciiHexDigit);

    private static bool TryFromBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length * 3 / 4];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }
        return false;
    }
}
