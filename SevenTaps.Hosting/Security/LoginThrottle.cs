using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Options;

namespace SevenTaps.Security;

/// <summary>Settings of failed-login throttling, section <c>LoginThrottle</c> (the same in every service).</summary>
public sealed class LoginThrottleOptions
{
    public const string SectionName = "LoginThrottle";

    /// <summary>Failures with one key (an xAPI credential key, an API key's prefix) before it is held back.</summary>
    [Range(1, 1_000)]
    public int MaxFailuresPerKey { get; set; } = 5;

    /// <summary>Failures from one client address, whatever the key, before the address is held back.</summary>
    [Range(1, 100_000)]
    public int MaxFailuresPerAddress { get; set; } = 20;

    /// <summary>How long a key or address must stay free of failures for its count to start again from zero.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The first hold-back; each further failure doubles it, up to <see cref="MaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Keys, addresses and key-address pairs remembered at most, each (least recently seen forgotten first).</summary>
    [Range(100, 10_000_000)]
    public int MaxEntries { get; set; } = 10_000;
}

/// <summary>
/// Failed logins, counted per key and per client address. After <see cref="LoginThrottleOptions.MaxFailuresPerKey"/>
/// failures with a key (or <see cref="LoginThrottleOptions.MaxFailuresPerAddress"/> from an address), attempts are
/// refused without being checked for a delay that starts at <see cref="LoginThrottleOptions.BaseDelay"/> and
/// doubles with each further failure up to <see cref="LoginThrottleOptions.MaxDelay"/>; callers answer 429 with
/// Retry-After. A key that does not exist is counted exactly like a wrong secret, so the throttle tells nothing
/// about which keys exist.
/// <para>
/// A key's hold-back does not apply to an address that has logged in with that key within the window: whoever knows
/// a client's key (not its secret) cannot lock that client out by failing on purpose from elsewhere. Guesses from the
/// client's own address are still held back by the per-address count.
/// </para>
/// <para>
/// Memory is bounded whatever callers send: keys are kept as a keyed hash (fixed size, never the text), and each of
/// the three maps holds at most <see cref="LoginThrottleOptions.MaxEntries"/> entries.
/// </para>
/// </summary>
public sealed class LoginThrottle
{
    private readonly LoginThrottleOptions _options;
    private readonly TimeProvider _time;
    private readonly BoundedCache<UInt128, Record> _keys;
    private readonly BoundedCache<IPAddress, Record> _addresses;
    private readonly BoundedCache<(UInt128 Key, IPAddress Address), bool> _trusted;

    public LoginThrottle(IOptions<LoginThrottleOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        // A record outlives its window by the longest hold-back, so a held-back key is never forgotten early by expiry.
        var lifetime = _options.Window + _options.MaxDelay;
        _keys = new BoundedCache<UInt128, Record>(_options.MaxEntries, lifetime, time);
        _addresses = new BoundedCache<IPAddress, Record>(_options.MaxEntries, lifetime, time);
        _trusted = new BoundedCache<(UInt128, IPAddress), bool>(_options.MaxEntries, _options.Window, time);
    }

    /// <summary>How long the caller must wait before this key may be tried from this address, or null when it may be tried now.</summary>
    public TimeSpan? RetryAfter(string? key, IPAddress? address)
    {
        var now = _time.GetUtcNow();
        TimeSpan? wait = null;
        if (address is not null && _addresses.TryGet(Normalize(address), out var byAddress) && byAddress.HeldUntil > now)
        {
            wait = byAddress.HeldUntil - now;
        }
        if (key is not null && _keys.TryGet(Fingerprint(key), out var byKey) && byKey.HeldUntil > now
            && !(address is not null && _trusted.TryGet((Fingerprint(key), Normalize(address)), out _)))
        {
            var keyWait = byKey.HeldUntil - now;
            wait = wait is { } longer && longer > keyWait ? longer : keyWait;
        }
        return wait;
    }

    /// <summary>Counts a failed login (unknown key, wrong secret, malformed credentials: all alike).</summary>
    public void Failed(string? key, IPAddress? address)
    {
        if (address is not null)
        {
            Count(_addresses, Normalize(address), _options.MaxFailuresPerAddress);
        }
        if (key is not null)
        {
            Count(_keys, Fingerprint(key), _options.MaxFailuresPerKey);
        }
    }

    /// <summary>A successful login: the key's count starts again, and the address is trusted with this key for the window.</summary>
    public void Succeeded(string key, IPAddress? address)
    {
        var fingerprint = Fingerprint(key);
        _keys.Remove(fingerprint);
        if (address is not null)
        {
            _trusted.Set((fingerprint, Normalize(address)), true);
        }
    }

    /// <summary>Entries held now in each map (for tests and diagnostics).</summary>
    public (int Keys, int Addresses, int TrustedPairs) Entries => (_keys.Count, _addresses.Count, _trusted.Count);

    private void Count<TKey>(BoundedCache<TKey, Record> records, TKey subject, int maxFailures) where TKey : notnull
    {
        var now = _time.GetUtcNow();
        records.AddOrUpdate(subject,
            add: () => Next(new Record(0, now, DateTimeOffset.MinValue), now, maxFailures),
            update: record => Next(now - record.LastFailure > _options.Window ? new Record(0, now, DateTimeOffset.MinValue) : record, now, maxFailures));
    }

    private Record Next(Record record, DateTimeOffset now, int maxFailures)
    {
        var failures = record.Failures + 1;
        var heldUntil = record.HeldUntil;
        if (failures >= maxFailures)
        {
            // 1, 2, 4, ... times the base delay, without overflowing for a long run of failures.
            var doublings = Math.Min(failures - maxFailures, 30);
            var delay = TimeSpan.FromTicks(Math.Min(_options.BaseDelay.Ticks * (1L << doublings), _options.MaxDelay.Ticks));
            heldUntil = now + delay;
        }
        return new Record(failures, now, heldUntil);
    }

    /// <summary>An IPv4 client seen over IPv6 (::ffff:a.b.c.d) is the same client; an IPv6 client is counted by its /64.</summary>
    private static IPAddress Normalize(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes);
        }
        return address;
    }

    private static UInt128 Fingerprint(string key) => BitConverter.ToUInt128(SecretHasher.Fingerprint(key));

    private sealed record Record(int Failures, DateTimeOffset LastFailure, DateTimeOffset HeldUntil);
}
