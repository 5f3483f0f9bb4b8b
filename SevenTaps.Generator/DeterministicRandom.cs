namespace SevenTaps.Generator;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Used instead of <see cref="System.Random"/> so that output is
/// byte-identical across .NET versions and platforms (the algorithm is fixed here, not a runtime detail).
/// Every learner gets its own stream derived from (seed, stream, index), so learners can be generated
/// independently, in any order, and a dry run (ground truth only) sees exactly the same draws.
/// </summary>
internal sealed class DeterministicRandom
{
    private ulong s0, s1, s2, s3;

    public DeterministicRandom(ulong seed)
    {
        var x = seed;
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    /// <summary>A stream for (seed, purpose, index); different purposes never share a stream.</summary>
    public static DeterministicRandom For(int seed, ulong purpose, long index) =>
        new(Hashing.Mix64(Hashing.Mix64((ulong)(uint)seed ^ (purpose * 0x9E3779B97F4A7C15UL)) + (ulong)index * 0xD1B54A32D192ED03UL));

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Hashing.Mix64(x);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive)
    {
        if (maxExclusive <= 1)
        {
            return 0;
        }

        // Lemire's multiply-shift; the tiny bias (< 2^-32) is irrelevant here and keeps it branch-free.
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    /// <summary>Uniform integer in [minInclusive, maxInclusive].</summary>
    public int Between(int minInclusive, int maxInclusive) => minInclusive + Next(maxInclusive - minInclusive + 1);

    /// <summary>Uniform double in [min, max).</summary>
    public double Between(double min, double max) => min + (NextDouble() * (max - min));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Index drawn with probability proportional to <paramref name="weights"/>.</summary>
    public int PickWeighted(IReadOnlyList<double> weights)
    {
        var total = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            total += weights[i];
        }

        var u = NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    /// <summary>Roughly normal (sum of three uniforms), mean 0, standard deviation ~<paramref name="sd"/>.</summary>
    public double Normalish(double sd) => (NextDouble() + NextDouble() + NextDouble() - 1.5) * 2 * sd;
}

/// <summary>Stateless mixing used for ids: deterministic, and bijective where uniqueness matters.</summary>
internal static class Hashing
{
    /// <summary>SplitMix64 / MurmurHash3 finalizer: a bijection on 64-bit values.</summary>
    public static ulong Mix64(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Salt(int seed, ulong purpose) => Mix64(((ulong)(uint)seed << 20) ^ Mix64(purpose + 0x632BE59BD9B4E019UL));

    /// <summary>
    /// A version-4-shaped UUID for (seed, learner, sequence). Unique within one seed by construction: the pair
    /// (learner, sequence) is packed into 64 bits, mixed by a bijection and stored in bytes 0-3 and 12-15,
    /// which the version/variant bits never touch; the other bytes are filler derived from it.
    /// </summary>
    public static Guid StatementId(int seed, int learner, int sequence)
    {
        var packed = ((ulong)(uint)learner << 22) | (uint)sequence;
        var m = Mix64(packed ^ Salt(seed, 0x5157_4154_454D_454EUL));
        var r = Mix64(m ^ 0xA0761D6478BD642FUL);
        Span<byte> b = stackalloc byte[16];
        b[0] = (byte)(m >> 56);
        b[1] = (byte)(m >> 48);
        b[2] = (byte)(m >> 40);
        b[3] = (byte)(m >> 32);
        b[4] = (byte)(r >> 56);
        b[5] = (byte)(r >> 48);
        b[6] = (byte)(0x40 | ((r >> 40) & 0x0F));
        b[7] = (byte)(r >> 32);
        b[8] = (byte)(0x80 | ((r >> 24) & 0x3F));
        b[9] = (byte)(r >> 16);
        b[10] = (byte)(r >> 8);
        b[11] = (byte)r;
        b[12] = (byte)(m >> 24);
        b[13] = (byte)(m >> 16);
        b[14] = (byte)(m >> 8);
        b[15] = (byte)m;
        return new Guid(b, bigEndian: true);
    }

    /// <summary>32 lower-case hex digits, unique per learner index within a seed (first half is a bijection of the index).</summary>
    public static string AccountName(int seed, int learner)
    {
        var hi = Mix64((ulong)(uint)learner ^ Salt(seed, 0x4143_434F_554E_5431UL));
        var lo = Mix64(hi ^ 0xE7037ED1A0B428DBUL);
        return string.Create(32, (hi, lo), static (span, v) =>
        {
            v.hi.TryFormat(span, out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
            v.lo.TryFormat(span[16..], out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
        });
    }
}
