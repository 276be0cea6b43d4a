namespace Sharpgrad;

/// <summary>
/// A seedable random-number generator (xoshiro256**, seeded through SplitMix64). The same seed gives the same
/// stream on every machine and for every thread count, because tensors are filled sequentially from one stream.
/// Not thread-safe: give each thread its own generator.
/// </summary>
public sealed class Generator
{
    private ulong s0, s1, s2, s3;
    private double? spareNormal;

    public Generator(long seed = 0) => Seed(seed);

    /// <summary>The generator used when none is passed. Reseed it with <see cref="ManualSeed"/>.</summary>
    public static Generator Default { get; } = new(0);

    /// <summary>Reseeds the default generator, like torch.manual_seed.</summary>
    public static void ManualSeed(long seed) => Default.Seed(seed);

    public long InitialSeed { get; private set; }

    public void Seed(long seed)
    {
        InitialSeed = seed;
        ulong x = (ulong)seed;
        s0 = SplitMix(ref x); s1 = SplitMix(ref x); s2 = SplitMix(ref x); s3 = SplitMix(ref x);
        spareNormal = null;
    }

    /// <summary>The full internal state, so a checkpoint can resume the exact random stream.</summary>
    public ulong[] GetState() => [s0, s1, s2, s3, spareNormal is { } n ? 1UL : 0UL, (ulong)BitConverter.DoubleToInt64Bits(spareNormal ?? 0)];

    public void SetState(ulong[] state)
    {
        if (state.Length != 6) throw new ArgumentException($"Generator.SetState: expected 6 words, got {state.Length}.");
        (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3]);
        spareNormal = state[4] != 0 ? BitConverter.Int64BitsToDouble((long)state[5]) : null;
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n), without modulo bias (Lemire's method).</summary>
    public long NextInt64(long n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), $"Generator.NextInt64: bound must be positive, got {n}.");
        ulong bound = (ulong)n;
        ulong threshold = (0 - bound) % bound;
        while (true)
        {
            ulong r = NextUInt64();
            ulong high = Math.BigMul(r, bound, out ulong low);
            if (low >= threshold) return (long)high;
        }
    }

    /// <summary>Standard normal by the Box–Muller transform; the second value of each pair is kept for the next call.</summary>
    public double NextNormal()
    {
        if (spareNormal is { } spare)
        {
            spareNormal = null;
            return spare;
        }
        double u1 = 1.0 - NextDouble(); // in (0, 1], so the log is finite
        double u2 = NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        spareNormal = radius * Math.Sin(2 * Math.PI * u2);
        return radius * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>
    /// A uniformly random permutation of 0..n−1 (Fisher–Yates), as the int[] the library's own shufflers index with.
    /// The public name for this is <see cref="Tensor.RandPerm"/> (PyTorch's randperm), which draws the same permutation.
    /// </summary>
    internal int[] Permutation(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)NextInt64(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }
}
