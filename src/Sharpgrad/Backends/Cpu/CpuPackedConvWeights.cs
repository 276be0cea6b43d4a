using System.Numerics;
using System.Runtime.CompilerServices;
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
/// <para>Never stale: the key is the storage itself (its identity, held weakly, so a dropped model takes its packed
/// weights with it) and an entry is used only while the storage's version equals the one taken before packing. Every
/// in-place write (CopyFrom, Fill, AddInPlace, MulInPlace, indexer assignment, an optimizer's step) moves the version
/// after writing, so weights changed since are packed again; a new tensor assigned to a module is a new storage. Entries
/// of an older version are dropped on the next call that sees the storage, whatever its path, so an outdated copy is not
/// kept reachable.</para>
/// <para>Within a storage an entry is keyed by the weights' offset, group layout (groups, O/G, (C/G)·K) and orientation
/// (W as the left operand, or Wᵀ as the transposed product's right one): two weights that are views of one buffer, one
/// buffer read with two layouts, or one weight whose plans differ only in orientation (ResNet-18's 256→256 14×14 layer
/// runs transposed at batch 1 and as W·cols at batch 64) each keep their own, so alternating between them repacks
/// nothing (2.4 MB per such layer per switch otherwise).</para>
/// <para>Packed only when the caller says the call is inference (gradients off, passed down by ConvMaps — the backend
/// does not read grad mode), and then on the second such call that sees the same weights at the same version. Training
/// calls never pack, however often a step reads the weights (gradient accumulation, a GAN's D(real)/D(fake), a Siamese
/// pair), so training makes no packed copy. Cost at inference: one packed copy per conv weight for as long as the
/// weights live — the weights' size when O/G is a multiple of the strip height 6, up to 6x when O/G is smaller (each
/// group's rows are padded to a whole strip); for a plan that multiplies the transposed product (GemmConvPlan's
/// TransposedProduct) O/G is padded to a strip of nr columns instead (32 float32 on AVX-512).</para>
/// </remarks>
internal static class CpuPackedConvWeights
{
    /// <summary>Most entries kept per storage; past it the oldest goes (a buffer read through many views is rare).</summary>
    private const int MaxEntriesPerStorage = 8;

    /// <summary>One weight layout seen in a storage: its version and key, and the weights packed once it was seen twice.</summary>
    private sealed record Entry(int Version, int Offset, int Groups, int GroupOutChannels, int GroupRows, bool AsRightOperand, object? Packed)
    {
        public bool Matches(int offset, GemmConvPlan plan)
            => Offset == offset && Groups == plan.Groups && GroupOutChannels == plan.GroupOutChannels && GroupRows == plan.GroupRows
               && AsRightOperand == plan.TransposedProduct;
    }

    private static readonly ConditionalWeakTable<Storage, List<Entry>> entries = [];

    /// <summary>
    /// The packed form of <paramref name="w"/> for <paramref name="algorithm"/>'s forward map, or null to read w as it is.
    /// <paramref name="inference"/>: the caller computes no gradients, so w is likely read again unchanged.
    /// </summary>
    public static PackedConvWeights<T>? For<T>(ConvAlgorithm algorithm, Tensor w, bool inference) where T : unmanaged, INumber<T>
    {
        var storage = w.storage;
        int version = storage.Version;   // before the elements are read: see Storage.MarkWritten
        if (!entries.TryGetValue(storage, out var list)) list = null;
        if (list is null && !(inference && algorithm.ForwardTakesPackedWeights)) return null;
        list ??= entries.GetValue(storage, _ => []);
        lock (list)
        {
            list.RemoveAll(e => e.Version != version);   // outdated packs go first, on every path
            if (!algorithm.ForwardTakesPackedWeights) return null;
            var plan = algorithm.Gemm;
            int at = list.FindIndex(e => e.Matches(w.offset, plan));
            if (at >= 0 && list[at].Packed is PackedConvWeights<T> packed && algorithm.Fits(packed, w.offset)) return packed;
            if (!inference) return null;
            if (at < 0)
            {
                if (list.Count == MaxEntriesPerStorage) list.RemoveAt(0);
                list.Add(new Entry(version, w.offset, plan.Groups, plan.GroupOutChannels, plan.GroupRows, plan.TransposedProduct, null));
                return null;
            }
            var made = algorithm.PackWeights(w.Data<T>(), w.offset);
            list[at] = list[at] with { Packed = made };
            return made;
        }
    }

    /// <summary>Whether packed weights are kept for <paramref name="w"/>'s storage at its current version (tests).</summary>
    internal static bool Holds(Tensor w) => PackedEntries(w) > 0;

    /// <summary>How many packed weights are kept for <paramref name="w"/>'s storage at its current version (tests).</summary>
    internal static int PackedEntries(Tensor w) => Count(w, packedOnly: true);

    /// <summary>How many entries (packed or only noted) the cache keeps for <paramref name="w"/>'s storage, of any version (tests).</summary>
    internal static int Entries(Tensor w) => Count(w, packedOnly: false);

    private static int Count(Tensor w, bool packedOnly)
    {
        if (!entries.TryGetValue(w.storage, out var list)) return 0;
        lock (list)
            return packedOnly ? list.Count(e => e.Version == w.storage.Version && e.Packed is not null) : list.Count;
    }
}
