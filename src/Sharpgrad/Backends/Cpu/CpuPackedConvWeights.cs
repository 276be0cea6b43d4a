using System.Numerics;
using System.Runtime.CompilerServices;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

/// <summary>
/// Convolution weights the CPU backend keeps packed between forward calls (<see cref="PackedConvWeights{T}"/>), one
/// per weight storage, valid while the storage's <see cref="Storage.Version"/> is the one they were packed at.
/// </summary>
/// <remarks>
/// Why: at inference a convolution's weights are the same on every call, yet im2col + GEMM packed them again for
/// every tile of every image — 47 MB per call for ResNet-18 at batch 1, 19% of its convolution samples
/// (docs/performance.md, "ResNet inference"). oneDNN pays a reorder per call too unless the weights are prepacked.
/// <para>Never stale: the key is the storage itself (its identity, held weakly, so a dropped model takes its packed
/// weights with it) and the entry is used only while the storage's version equals the one taken before packing. Every
/// in-place write (CopyFrom, Fill, AddInPlace, MulInPlace, indexer assignment, an optimizer's step) moves the version
/// after writing, so weights changed since are packed again; a new tensor assigned to a module is a new storage.</para>
/// <para>Packed on the second call that sees the same storage at the same version: a training step changes the weights
/// between forward calls, so there each call only notes the version and packs per tile as before, and no packed copy
/// is made or kept. An inference loop packs once, on its second call, and keeps one packed copy per weight (about
/// the size of the weights, for as long as they live).</para>
/// </remarks>
internal static class CpuPackedConvWeights
{
    /// <summary>The version and offset last seen for a storage, and the weights packed at them once seen twice.</summary>
    private sealed record Entry(int Version, int Offset, object? Packed);

    private static readonly ConditionalWeakTable<Storage, Entry> entries = [];

    /// <summary>The packed form of <paramref name="w"/> for <paramref name="algorithm"/>'s forward map, or null to read w as it is.</summary>
    public static PackedConvWeights<T>? For<T>(ConvAlgorithm algorithm, Tensor w) where T : unmanaged, INumber<T>
    {
        if (!algorithm.ForwardTakesPackedWeights) return null;
        var storage = w.storage;
        int version = storage.Version;   // before the elements are read: see Storage.MarkWritten
        if (entries.TryGetValue(storage, out var entry) && entry.Version == version && entry.Offset == w.offset)
        {
            if (entry.Packed is PackedConvWeights<T> packed && algorithm.Fits(packed, w.offset)) return packed;
            var made = algorithm.PackWeights(w.Data<T>(), w.offset);
            entries.AddOrUpdate(storage, entry with { Packed = made });
            return made;
        }
        entries.AddOrUpdate(storage, new Entry(version, w.offset, null));
        return null;
    }

    /// <summary>Whether packed weights are kept for <paramref name="w"/>'s storage at its current version (tests).</summary>
    internal static bool Holds(Tensor w) => entries.TryGetValue(w.storage, out var entry) && entry.Version == w.storage.Version && entry.Packed is not null;
}
