using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

/// <summary>
/// A linear layer's right operand Wᵀ [in, out] that the CPU backend keeps packed in the GEMM's strips
/// (<see cref="GemmPackedB{T}"/>) between inference calls (<see cref="Backend.MatMulWeights"/>), one per view of a
/// weight storage, valid while the storage's <see cref="Storage.Version"/> is the one it was packed at.
/// </summary>
/// <remarks>
/// Why: y = x·Wᵀ reads W through its transposed view, which the GEMM packed again on every call — and at two threads,
/// whose cut of a batch-64 output is by rows, each thread packed the whole Wᵀ (800 KB for an MLP's 784→256 layer).
/// MatrixTranspose (that packing) was 22% of the samples of the MLP's forward at batch 64 (issue #21). Packed ahead, the
/// product reads W's strips as the loop nest would have packed them: the same values in the same depth blocks, so the
/// bits of the unpacked product at any thread count (<see cref="GemmPackedB{T}"/>), and the threads' row parts share
/// one pack. When a pack is made, kept, dropped and never stale: <see cref="PackedWeightCache{TKey}"/>, the rule
/// shared with the convolution's weights; the inference hint comes from Functional.Linear.
/// <para>An entry is keyed by the view's offset, shape, strides and dtype, so two views of one buffer, or one buffer read
/// as W and as Wᵀ, each keep their own. Cost at inference: one packed copy per linear weight while it lives, its size
/// with the output features rounded up to a strip of nr columns (32 float32 or 16 float64 on AVX-512: 784→256 costs
/// exactly W's 800 KB, 128→10 pads 10 columns to 32).</para>
/// </remarks>
internal static class CpuPackedLinearWeights
{
    /// <summary>Which view of a storage an entry packs.</summary>
    private readonly record struct Key(int Offset, int Rows, int Columns, int RowStride, int ColStride, DType DType);

    private static readonly PackedWeightCache<Key> cache = new();

    /// <summary>
    /// <paramref name="b"/> [k, n] (a weight's Wᵀ) packed for the GEMM, or null to multiply it as it lies.
    /// <paramref name="packable"/>: the product would take the pack (several rows: one row reads b in place).
    /// <paramref name="inference"/>: the caller computes no gradients, so b is likely read again unchanged.
    /// </summary>
    public static GemmPackedB<T>? For<T>(Tensor b, bool packable, bool inference) where T : unmanaged, INumber<T>
    {
        var key = new Key(b.offset, b.shape[0], b.shape[1], b.strides[0], b.strides[1], b.DType);
        return cache.For(b.storage, key, packable, inference, b,
            static (_, packed) => packed.Path == GemmPackedB<T>.PathFor(SimdPaths.Selected) && packed.DepthBlock == Math.Max(1, GemmBlocking.Default.Depth),
            static b => GemmPackedB<T>.Pack(b.shape[0], b.shape[1], CpuBackend.MatrixOperand<T>(b)));
    }

    /// <summary>How many packed operands are kept for <paramref name="b"/>'s storage at its current version (tests).</summary>
    internal static int PackedEntries(Tensor b) => cache.PackedEntries(b.storage);

    /// <summary>How many entries (packed or only noted) are kept for <paramref name="b"/>'s storage, of any version (tests).</summary>
    internal static int Entries(Tensor b) => cache.Entries(b.storage);

    /// <summary>The packs kept for <paramref name="b"/>'s storage at its current version (tests).</summary>
    internal static object[] Packs(Tensor b) => cache.Packs(b.storage);
}
