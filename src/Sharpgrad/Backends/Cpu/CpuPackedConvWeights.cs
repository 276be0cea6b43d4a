using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

/// <summary>
/// Convolution weights the CPU backend keeps packed between inference calls (<see cref="PackedConvWeights{T}"/>), a few
/// per weight storage, valid while the storage's <see cref="Storage.Version"/> is the one they were packed at.
/// </summary>
/// <remarks>
/// Why: at inference a convolution's weights are the same on every call, yet im2col + GEMM packed them again for
/// every tile of every image — 47 MB per call for ResNet-18 at batch 1, 19% of its convolution samples
/// (docs/performance.md, "ResNet inference"). oneDNN pays a reorder per call too unless the weights are prepacked.
/// <para>When a pack is made, kept, dropped and never stale: <see cref="PackedWeightCache{TKey}"/>, the rule shared
/// with the linear layer's weights. The inference hint comes from ConvMaps.</para>
/// <para>Within a storage an entry is keyed by the weights' offset, group layout (groups, O/G, (C/G)·K) and orientation
/// (W as the left operand, or Wᵀ as the transposed product's right one): two weights that are views of one buffer, one
/// buffer read with two layouts, or one weight whose plans differ only in orientation (ResNet-18's 256→256 14×14 layer
/// runs transposed at batch 1 and as W·cols at batch 64) each keep their own, so alternating between them repacks
/// nothing (2.4 MB per such layer per switch otherwise).</para>
/// <para>Cost at inference: one packed copy per conv weight for as long as the
/// weights live — the weights' size when O/G is a multiple of the strip height 6, up to 6x when O/G is smaller (each
/// group's rows are padded to a whole strip); for a plan that multiplies the transposed product (GemmConvPlan's
/// TransposedProduct) O/G is padded to a strip of nr columns instead (32 float32 on AVX-512).</para>
/// </remarks>
internal static class CpuPackedConvWeights
{
    /// <summary>Which packing of a storage an entry holds: the weights' offset, group layout and orientation.</summary>
    private readonly record struct Key(int Offset, int Groups, int GroupOutChannels, int GroupRows, bool AsRightOperand);

    private static readonly PackedWeightCache<Key> cache = new();

    /// <summary>
    /// The packed form of <paramref name="w"/> for <paramref name="algorithm"/>'s forward map, or null to read w as it is.
    /// <paramref name="inference"/>: the caller computes no gradients, so w is likely read again unchanged.
    /// </summary>
    public static PackedConvWeights<T>? For<T>(ConvAlgorithm algorithm, Tensor w, bool inference) where T : unmanaged, INumber<T>
    {
        // The GEMM plan (built lazily) is read only when the forward can take packed weights: an implicit-GEMM
        // convolution passes an empty key, which drops outdated entries and packs nothing.
        bool packable = algorithm.ForwardTakesPackedWeights;
        var key = packable ? new Key(w.offset, algorithm.Gemm.Groups, algorithm.Gemm.GroupOutChannels, algorithm.Gemm.GroupRows, algorithm.Gemm.TransposedProduct) : default;
        return cache.For(w.storage, key, packable, inference, (algorithm, w),
            static (s, packed) => s.algorithm.Fits(packed, s.w.offset),
            static s => s.algorithm.PackWeights(s.w.Data<T>(), s.w.offset));
    }

    /// <summary>Whether packed weights are kept for <paramref name="w"/>'s storage at its current version (tests).</summary>
    internal static bool Holds(Tensor w) => PackedEntries(w) > 0;

    /// <summary>How many packed weights are kept for <paramref name="w"/>'s storage at its current version (tests).</summary>
    internal static int PackedEntries(Tensor w) => cache.PackedEntries(w.storage);

    /// <summary>How many entries (packed or only noted) the cache keeps for <paramref name="w"/>'s storage, of any version (tests).</summary>
    internal static int Entries(Tensor w) => cache.Entries(w.storage);
}
