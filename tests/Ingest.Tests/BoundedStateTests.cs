using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SevenTaps.Security;

namespace Ingest.Tests;

/// <summary>
/// The secret hashes' format and upgrade path, and the state kept per caller-supplied key: however many distinct
/// keys and addresses arrive, the throttle's and caches' entries (and the memory they hold) stay bounded.
/// </summary>
public sealed class BoundedStateTests
{
    private const int RandomKeys = 100_000;

    [Fact]
    public void A_hash_records_its_parameters_and_verifies_only_its_secret()
    {
        var hash = SecretHasher.Hash("the-secret-0123");

        Assert.StartsWith("pbkdf2-sha256$600000$", hash);
        Assert.Equal(new SecretHasher.Verification(true, false), SecretHasher.Verify("the-secret-0123", hash));
        Assert.False(SecretHasher.Verify("the-secret-0124", hash).Valid);
        Assert.NotEqual(hash, SecretHasher.Hash("the-secret-0123"));
    }

    [Fact]
    public void Older_hashes_verify_and_ask_for_a_rehash_and_malformed_ones_fail_without_throwing()
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var old = $"pbkdf2-sha256$100000${Convert.ToBase64String(salt)}$" +
                  Convert.ToBase64String(Rfc2898DeriveBytes.Pbkdf2("older-secret", salt, 100_000, HashAlgorithmName.SHA256, 32));
        var legacyApiKey = Convert.ToHexStringLower(SHA256.HashData("sta_legacy-key-0001"u8));

        Assert.Equal(new SecretHasher.Verification(true, true), SecretHasher.Verify("older-secret", old));
        Assert.Equal(new SecretHasher.Verification(false, false), SecretHasher.Verify("other-secret", old));
        Assert.Equal(new SecretHasher.Verification(true, true), SecretHasher.Verify("sta_legacy-key-0001", legacyApiKey));
        Assert.False(SecretHasher.Verify("sta_legacy-key-0002", legacyApiKey).Valid);
        foreach (var malformed in new[] { "", "pbkdf2-sha256$x$y$z", "pbkdf2-sha256$100000$not base64!$AAAA", "pbkdf2-sha256$999999999$AAAA$AAAA", "md5$1$a$b" })
        {
            Assert.False(SecretHasher.Verify("anything", malformed).Valid);
        }
        Assert.False(SecretHasher.VerifyDummy("anything"));
    }

    [Fact]
    public void The_throttle_holds_at_most_its_bound_of_entries_under_100000_random_keys_and_addresses()
    {
        var options = new LoginThrottleOptions { MaxEntries = 10_000 };
        var throttle = new LoginThrottle(Options.Create(options), TimeProvider.System);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var index = 0; index < RandomKeys; index++)
        {
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            var address = new IPAddress(RandomNumberGenerator.GetBytes(4));
            throttle.RetryAfter(key, address);
            throttle.Failed(key, address);
            if (index % 10 == 0)
            {
                throttle.Succeeded(key, address);
            }
        }

        var (keys, addresses, trusted) = throttle.Entries;
        Assert.InRange(keys, 1, options.MaxEntries);
        Assert.InRange(addresses, 1, options.MaxEntries);
        Assert.InRange(trusted, 1, options.MaxEntries);
        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        // 30,000 entries at a few hundred bytes each; unbounded maps would hold ten times as many.
        Assert.True(grown < 24 * 1024 * 1024, $"The throttle holds {grown / 1024 / 1024} MB after {RandomKeys} random keys.");
        GC.KeepAlive(throttle);
    }

    [Fact]
    public void A_cache_keeps_at_most_its_capacity_dropping_the_least_recently_used()
    {
        var cache = new BoundedCache<string, int>(1_000, TimeSpan.FromMinutes(5), TimeProvider.System);
        cache.Set("kept", -1);
        for (var index = 0; index < RandomKeys; index++)
        {
            cache.Set(SecretHasher.Fingerprint(Guid.NewGuid().ToString(), "secret"), index);
            if (index % 100 == 0)
            {
                Assert.True(cache.TryGet("kept", out _), "A key in use is not evicted.");
            }
        }

        Assert.Equal(1_000, cache.Count);
        Assert.True(cache.TryGet("kept", out var kept) && kept == -1);
    }

    [Fact]
    public void A_result_looked_up_before_an_invalidation_is_not_cached()
    {
        var cache = new BoundedCache<string, string>(10, TimeSpan.FromMinutes(5), TimeProvider.System);
        var version = cache.Version;
        cache.RemoveWhere((_, value) => value == "revoked");

        Assert.False(cache.Set("key", "stale", version));
        Assert.False(cache.TryGet("key", out _));
        Assert.True(cache.Set("key", "fresh", cache.Version));
    }

    [Fact]
    public void Failures_are_held_back_with_a_delay_that_doubles_and_a_trusted_address_keeps_its_key()
    {
        var time = new ManualTime();
        var throttle = new LoginThrottle(Options.Create(new LoginThrottleOptions()), time);
        var attacker = IPAddress.Parse("203.0.113.7");
        var client = IPAddress.Parse("198.51.100.2");
        throttle.Succeeded("7taps-key", client);

        for (var failure = 1; failure <= 4; failure++)
        {
            throttle.Failed("7taps-key", IPAddress.Parse($"203.0.113.{100 + failure}"));
            Assert.Null(throttle.RetryAfter("7taps-key", attacker));
        }
        throttle.Failed("7taps-key", attacker);
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.RetryAfter("7taps-key", attacker));
        Assert.Null(throttle.RetryAfter("7taps-key", client));

        time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Null(throttle.RetryAfter("7taps-key", attacker));
        throttle.Failed("7taps-key", attacker);
        Assert.Equal(TimeSpan.FromSeconds(2), throttle.RetryAfter("7taps-key", attacker));
        throttle.Failed("7taps-key", attacker);
        Assert.Equal(TimeSpan.FromSeconds(4), throttle.RetryAfter("7taps-key", attacker));

        // After a quiet window the count starts again.
        time.Advance(TimeSpan.FromMinutes(16));
        throttle.Failed("7taps-key", attacker);
        Assert.Null(throttle.RetryAfter("7taps-key", attacker));
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
