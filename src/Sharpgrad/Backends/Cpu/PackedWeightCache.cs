using System.Runtime.CompilerServices;

namespace Sharpgrad.Backends.Cpu;

/// <summary>
/// Weights the CPU backend keeps packed between inference calls, a few per weight storage, each under a
/// <typeparamref name="TKey"/> that says which view and layout of the storage it packs, valid while the storage's
/// <see cref="Storage.Version"/> is the one it was packed at: the rule shared by the convolution's weights
/// (<see cref="CpuPackedConvWeights"/>) and the linear layer's Wᵀ (<see cref="CpuPackedLinearWeights"/>).
/// </summary>
/// <remarks>
/// <para>Never stale: the storage itself is the key (held weakly, so a dropped model takes its packed weights with it),
/// and an entry is used only while the storage's version equals the one taken before packing. Every in-place write
/// (CopyFrom, Fill, AddInPlace, MulInPlace, indexer assignment, an optimizer's step) moves the version after writing, so
/// weights changed since are packed again; a new tensor assigned to a module is a new storage. Entries of an older
/// version are dropped on the next call that sees the storage, whatever its path, so an outdated copy is not kept
/// reachable.</para>
/// <para>Packed only when the caller says the call is inference (gradients off; the backend does not read grad mode),
/// and then on the second such call that sees the same key at the same version: a tensor multiplied once under NoGrad
/// (an evaluation's one-off product) costs no packed copy. Training calls never pack or note anything, however often a
/// step reads the weights (gradient accumulation, a GAN's D(real)/D(fake), a Siamese pair).</para>
/// <para>Past <see cref="MaxEntriesPerStorage"/> keys in one storage the oldest goes: a buffer read through many views
/// is rare.</para>
/// </remarks>
internal sealed class PackedWeightCache<TKey> where TKey : IEquatable<TKey>
{
    /// <summary>Most entries kept per storage.</summary>
    public const int MaxEntriesPerStorage = 8;

    /// <summary>One key seen in a storage: the version it was seen at, and its weights packed once seen twice.</summary>
    private sealed record Entry(int Version, TKey Key, object? Packed);

    private readonly ConditionalWeakTable<Storage, List<Entry>> entries = [];

    /// <summary>
    /// The weights of <paramref name="storage"/> under <paramref name="key"/> packed, or null to read them as they are.
    /// <paramref name="packable"/>: this call can take a pack (when false, only outdated entries are dropped).
    /// <paramref name="inference"/>: the caller computes no gradients, so the weights are likely read again unchanged.
    /// <paramref name="fits"/> says whether a kept pack serves this call; <paramref name="pack"/> makes one from
    /// <paramref name="state"/>. Both are meant to be static lambdas, so that a call allocates nothing.
    /// </summary>
    public TPacked? For<TPacked, TState>(Storage storage, TKey key, bool packable, bool inference, TState state,
        Func<TState, TPacked, bool> fits, Func<TState, TPacked> pack) where TPacked : class
    {
        int version = storage.Version;   // before the elements are read: see Storage.MarkWritten
        if (!entries.TryGetValue(storage, out var list)) list = null;
        if (list is null && !(inference && packable)) return null;
        list ??= entries.GetValue(storage, _ => []);
        lock (list)
        {
            // Outdated packs go first, on every path. Loops rather than lambdas: a closure would be allocated per call.
            for (int i = list.Count - 1; i >= 0; i--)
                if (list[i].Version != version) list.RemoveAt(i);
            if (!packable) return null;
            int at = list.Count - 1;
            while (at >= 0 && !list[at].Key.Equals(key)) at--;
            if (at >= 0 && list[at].Packed is TPacked packed && fits(state, packed)) return packed;
            if (!inference) return null;
            if (at < 0)
            {
                if (list.Count == MaxEntriesPerStorage) list.RemoveAt(0);
                list.Add(new Entry(version, key, null));
                return null;
            }
            var made = pack(state);
            list[at] = list[at] with { Packed = made };
            return made;
        }
    }

    /// <summary>How many packed weights are kept for <paramref name="storage"/> at its current version (tests).</summary>
    internal int PackedEntries(Storage storage) => Count(storage, packedOnly: true);

    /// <summary>How many entries (packed or only noted) are kept for <paramref name="storage"/>, of any version (tests).</summary>
    internal int Entries(Storage storage) => Count(storage, packedOnly: false);

    /// <summary>The packs kept for <paramref name="storage"/> at its current version (tests: whether they are collected with it).</summary>
    internal object[] Packs(Storage storage)
    {
        if (!entries.TryGetValue(storage, out var list)) return [];
        lock (list)
            return [.. list.Where(e => e.Version == storage.Version).Select(e => e.Packed).OfType<object>()];
    }

    private int Count(Storage storage, bool packedOnly)
    {
        if (!entries.TryGetValue(storage, out var list)) return 0;
        lock (list)
            return packedOnly ? list.Count(e => e.Version == storage.Version && e.Packed is not null) : list.Count;
    }
}
