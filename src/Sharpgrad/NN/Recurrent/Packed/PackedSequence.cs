namespace Sharpgrad.NN;

/// <summary>
/// A batch of sequences of different lengths without padding, PyTorch's <c>PackedSequence</c>: the sequences sorted by
/// length, longest first, and their steps interleaved time step by time step. <see cref="Data"/> [Σ lengths, *] holds
/// step 0 of every sequence, then step 1 of every sequence that has one, and so on; <see cref="BatchSizes"/>[t] (int64)
/// says how many sequences have a step t. <see cref="SortedIndices"/>[k] is the original batch position of the k-th
/// longest sequence and <see cref="UnsortedIndices"/> its inverse; both are null when the batch was already sorted
/// (<c>enforceSorted</c>). A recurrent layer given a packed batch runs each sequence exactly to its own length.
/// Make one with <see cref="RnnUtils.PackPaddedSequence(Tensor, long[], bool, bool)"/> or <see cref="RnnUtils.PackSequence"/>.
/// </summary>
public sealed class PackedSequence
{
    public Tensor Data { get; }
    public Tensor BatchSizes { get; }
    public Tensor? SortedIndices { get; }
    public Tensor? UnsortedIndices { get; }

    /// <summary>The batch sizes as host integers, non-increasing, the first one the number of sequences.</summary>
    internal int[] Sizes { get; }

    public PackedSequence(Tensor data, Tensor batchSizes, Tensor? sortedIndices = null, Tensor? unsortedIndices = null)
    {
        const string name = "PackedSequence";
        if (batchSizes.DType != DType.Int64 || batchSizes.Rank != 1)
            throw new ArgumentException($"{name}: batchSizes must be a 1-D int64 tensor, got {batchSizes.DType.Name()} of shape {batchSizes.Shape}.");
        Sizes = batchSizes.ToArray<long>().Select(s => (int)s).ToArray();
        for (int t = 0; t < Sizes.Length; t++)
            if (Sizes[t] < 1 || t > 0 && Sizes[t] > Sizes[t - 1])
                throw new ArgumentException($"{name}: batchSizes must be positive and non-increasing, got [{string.Join(", ", Sizes)}].");
        if (data.Rank < 1 || data.Size(0) != Sizes.Sum())
            throw new ArgumentException($"{name}: data must have Σ batchSizes = {Sizes.Sum()} rows, got shape {data.Shape}.");
        if ((sortedIndices is null) != (unsortedIndices is null))
            throw new ArgumentException($"{name}: sortedIndices and unsortedIndices must be given together.");
        int batch = Sizes.Length == 0 ? 0 : Sizes[0];
        foreach (var indices in new[] { sortedIndices, unsortedIndices })
            if (indices is not null && (indices.DType != DType.Int64 || indices.Rank != 1 || indices.Size(0) != batch))
                throw new ArgumentException($"{name}: sorted/unsorted indices must be 1-D int64 of length {batch} (the batch), got {indices.DType.Name()} of shape {indices.Shape}.");
        (Data, BatchSizes, SortedIndices, UnsortedIndices) = (data, batchSizes, sortedIndices, unsortedIndices);
    }

    /// <summary>Number of sequences.</summary>
    public int BatchCount => Sizes.Length == 0 ? 0 : Sizes[0];

    /// <summary>The same packing around new data (a recurrent layer's output), PyTorch's <c>_replace(data=…)</c>.</summary>
    public PackedSequence WithData(Tensor data) => new(data, BatchSizes, SortedIndices, UnsortedIndices);

    /// <summary>A state [..., N, ...] with the batch in sorted order, its batch at dim <paramref name="dim"/>.</summary>
    internal Tensor ToSorted(Tensor state, int dim) => SortedIndices is null ? state : state.IndexSelect(dim, SortedIndices);

    /// <summary>A state in sorted batch order back in the original order.</summary>
    internal Tensor ToOriginal(Tensor state, int dim) => UnsortedIndices is null ? state : state.IndexSelect(dim, UnsortedIndices);
}
