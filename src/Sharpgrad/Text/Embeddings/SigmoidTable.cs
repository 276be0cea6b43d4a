using System.Runtime.CompilerServices;

namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// σ(x) = 1/(1 + e^−x) and log σ(x) read from word2vec's precomputed table: 1000 entries for x_i = (2i/1000 − 1)·6,
/// i.e. a step of 0.012 over [−6, 6). A lookup truncates x down to the grid, so σ is off by at most about 0.003;
/// the table costs one multiply and one load where an exact exp costs tens of cycles, and it is what word2vec and
/// gensim train with. (word2vec's C code, and gensim 4.2 as Debian builds it, compute the index scale with integer
/// division, 1000/6/2 = 83 rather than 83.3, which reads σ about 0.024 to the left of x: probed, gensim's σ(0.5) is
/// 0.61491, the entry of cell 539 = ⌊6.5·83⌋. This table uses the exact scale; trained with 83 instead, the WordNet
/// quality score did not change, MRR 0.0464 against 0.0463, docs/performance.md.) Beyond ±6 the callers
/// clamp: negative sampling treats σ as 0 or 1, the hierarchical softmax skips the node, as word2vec does.
/// </summary>
internal static class SigmoidTable
{
    /// <summary>The table covers [−MaxExp, MaxExp).</summary>
    public const float MaxExp = 6;

    /// <summary>Entries in the table.</summary>
    public const int Size = 1000;

    private const float Scale = Size / MaxExp / 2;

    private static readonly float[] Sigmoids = Build(log: false);
    private static readonly float[] LogSigmoids = Build(log: true);

    private static float[] Build(bool log)
    {
        var table = new float[Size];
        for (int i = 0; i < Size; i++)
        {
            double x = (i / (double)Size * 2 - 1) * MaxExp;
            double sigmoid = 1 / (1 + Math.Exp(-x));
            table[i] = (float)(log ? Math.Log(sigmoid) : sigmoid);
        }
        return table;
    }

    /// <summary>The table index of x, for −MaxExp &lt; x &lt; MaxExp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Index(float x) => Math.Min((int)((x + MaxExp) * Scale), Size - 1);

    /// <summary>σ(x) from the table; 0 at or below −6, 1 at or above 6.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float x) => x >= MaxExp ? 1f : x <= -MaxExp ? 0f : Sigmoids[Index(x)];

    /// <summary>log σ(x) from the table; 0 at or above 6 and x itself at or below −6 (log σ(x) → x as x → −∞).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LogSigmoid(float x) => x >= MaxExp ? 0f : x <= -MaxExp ? x : LogSigmoids[Index(x)];
}
