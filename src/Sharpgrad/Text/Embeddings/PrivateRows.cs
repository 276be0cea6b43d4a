namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// Copy-on-write rows of one shared matrix, for the deterministic mode: the first time a block touches a row it gets
/// a private copy, and later reads and writes go to the copy, so the shared matrix stays the snapshot every block of
/// the round started from. Afterwards <see cref="TurnIntoDeltas"/> (while the snapshot is still intact) and
/// <see cref="AddDeltasAndReset"/> (in block order) fold the block's changes back.
/// </summary>
internal sealed class PrivateRows(float[] shared, int dimension)
{
    private readonly int[] slotOf = CreateSlots(shared.Length / Math.Max(dimension, 1));
    private int[] rowOf = new int[64];
    private float[] copies = new float[64 * dimension];
    private int used;

    private static int[] CreateSlots(int rows)
    {
        var slots = new int[rows];
        Array.Fill(slots, -1);
        return slots;
    }

    /// <summary>Row <paramref name="row"/> as this block sees it.</summary>
    public Span<float> Row(int row)
    {
        int slot = slotOf[row];
        if (slot < 0)
        {
            if (used == rowOf.Length)
            {
                Array.Resize(ref rowOf, used * 2);
                Array.Resize(ref copies, used * 2 * dimension);
            }
            slot = used++;
            slotOf[row] = slot;
            rowOf[slot] = row;
            shared.AsSpan(row * dimension, dimension).CopyTo(copies.AsSpan(slot * dimension, dimension));
        }
        return copies.AsSpan(slot * dimension, dimension);
    }

    /// <summary>Replaces each copy by its change from the snapshot; call before any block's deltas are added.</summary>
    public void TurnIntoDeltas()
    {
        for (int slot = 0; slot < used; slot++)
            Blas1.Axpy(-1f, shared.AsSpan(rowOf[slot] * dimension, dimension), copies.AsSpan(slot * dimension, dimension));
    }

    /// <summary>Adds the deltas to the shared rows and forgets every copy, ready for the next block.</summary>
    public void AddDeltasAndReset()
    {
        for (int slot = 0; slot < used; slot++)
        {
            int row = rowOf[slot];
            Blas1.Axpy(1f, copies.AsSpan(slot * dimension, dimension), shared.AsSpan(row * dimension, dimension));
            slotOf[row] = -1;
        }
        used = 0;
    }
}

/// <summary>The private rows of one block over all three matrices.</summary>
internal sealed class PrivateRowSet(Word2VecWeights weights)
{
    private readonly PrivateRows syn0 = new(weights.Syn0, weights.Dimension);
    private readonly PrivateRows syn1neg = new(weights.Syn1Neg, weights.Dimension);
    private readonly PrivateRows syn1 = new(weights.Syn1, weights.Dimension);

    public Access Rows => new(this);

    public void TurnIntoDeltas()
    {
        syn0.TurnIntoDeltas();
        syn1neg.TurnIntoDeltas();
        syn1.TurnIntoDeltas();
    }

    public void AddDeltasAndReset()
    {
        syn0.AddDeltasAndReset();
        syn1neg.AddDeltasAndReset();
        syn1.AddDeltasAndReset();
    }

    /// <summary>The struct a training step is compiled against.</summary>
    internal readonly struct Access(PrivateRowSet set) : IRowAccess
    {
        public Span<float> Input(int word) => set.syn0.Row(word);

        public Span<float> Negative(int word) => set.syn1neg.Row(word);

        public Span<float> Inner(int node) => set.syn1.Row(node);
    }
}
