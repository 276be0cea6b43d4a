namespace Sharpgrad.NN;

/// <summary>
/// Packing and padding of variable-length sequences, PyTorch's <c>torch.nn.utils.rnn</c>. Packing and unpacking are
/// row selections (IndexSelect), so gradients flow through them to the padded input and back.
/// </summary>
public static class RnnUtils
{
    /// <summary>
    /// Packs a padded batch [T, N, *] ([N, T, *] with <paramref name="batchFirst"/>) whose sequence b has
    /// <paramref name="lengths"/>[b] real steps. With <paramref name="enforceSorted"/> the lengths must already be
    /// non-increasing; otherwise the batch is sorted by length, longest first (stably: equal lengths keep their order),
    /// and the permutation is kept in the result.
    /// </summary>
    public static PackedSequence PackPaddedSequence(Tensor input, long[] lengths, bool batchFirst = false, bool enforceSorted = true)
    {
        const string name = "PackPaddedSequence";
        if (input.Rank < 2)
            throw new ArgumentException($"{name}: input must be at least 2-D ({(batchFirst ? "[N, T, *]" : "[T, N, *]")}), got shape {input.Shape}.");
        var x = batchFirst ? input.Transpose(0, 1) : input;
        int steps = x.Size(0), batch = x.Size(1);
        if (lengths.Length != batch)
            throw new ArgumentException($"{name}: expected {batch} lengths, one per sequence of input of shape {input.Shape}, got {lengths.Length}.");
        for (int b = 0; b < batch; b++)
        {
            if (lengths[b] < 1)
                throw new ArgumentException($"{name}: every length must be at least 1, got length {lengths[b]} for sequence {b}.");
            if (lengths[b] > steps)
                throw new ArgumentException($"{name}: length {lengths[b]} of sequence {b} is longer than the {steps} steps of input of shape {input.Shape}.");
        }
        int[] order = Enumerable.Range(0, batch).ToArray();
        if (enforceSorted)
        {
            for (int b = 1; b < batch; b++)
                if (lengths[b] > lengths[b - 1])
                    throw new ArgumentException($"{name}: with enforceSorted the lengths must be non-increasing, got [{string.Join(", ", lengths)}]; " +
                                                "sort them or pass enforceSorted: false.");
        }
        else order = [.. order.OrderByDescending(b => lengths[b])];  // OrderBy is stable

        // Step t of the k-th longest sequence is row t·N + order[k] of the flattened [T·N, *] input.
        var sizes = Enumerable.Range(0, (int)lengths.Max()).Select(t => (long)order.Count(b => lengths[b] > t)).ToArray();
        var rows = new List<long>();
        for (int t = 0; t < sizes.Length; t++)
            for (int k = 0; k < sizes[t]; k++) rows.Add((long)t * batch + order[k]);
        var data = x.Reshape([steps * batch, .. x.Shape.ToArray()[2..]]).IndexSelect(0, Tensor.From(rows.ToArray()).To(x.Device));
        if (enforceSorted) return new PackedSequence(data, Tensor.From(sizes));
        var unsorted = new long[batch];
        for (int k = 0; k < batch; k++) unsorted[order[k]] = k;
        return new PackedSequence(data, Tensor.From(sizes), Tensor.From(order.Select(b => (long)b).ToArray()), Tensor.From(unsorted));
    }

    /// <summary>The lengths as an int64 tensor [N] (PyTorch's <c>lengths</c> argument may be a tensor).</summary>
    public static PackedSequence PackPaddedSequence(Tensor input, Tensor lengths, bool batchFirst = false, bool enforceSorted = true)
    {
        if (lengths.Rank != 1 || lengths.DType.IsFloatingPoint())
            throw new ArgumentException($"PackPaddedSequence: lengths must be a 1-D integer tensor, got {lengths.DType.Name()} of shape {lengths.Shape}.");
        return PackPaddedSequence(input, lengths.To(DType.Int64).ToArray<long>(), batchFirst, enforceSorted);
    }

    /// <summary>
    /// Unpacks to a padded batch [T, N, *] ([N, T, *] with <paramref name="batchFirst"/>) in the original batch order, the
    /// steps after each sequence's end set to <paramref name="paddingValue"/>; T is the longest length, or
    /// <paramref name="totalLength"/> (which must not be shorter). Also returns the lengths [N] (int64).
    /// </summary>
    public static (Tensor Padded, Tensor Lengths) PadPackedSequence(PackedSequence sequence, bool batchFirst = false, double paddingValue = 0,
        int? totalLength = null)
    {
        int[] sizes = sequence.Sizes;
        int batch = sequence.BatchCount, longest = sizes.Length;
        if (totalLength is int total && total < longest)
            throw new ArgumentException($"PadPackedSequence: totalLength {total} is shorter than the longest sequence, {longest} steps.");
        int steps = totalLength ?? longest;
        var data = sequence.Data;
        // Row t·N + k of the sorted padded batch is packed row start[t] + k, or the padding row appended after the data.
        var padRow = Tensor.Full([1, .. data.Shape.ToArray()[1..]], paddingValue, data.DType).To(data.Device);
        var source = Tensor.Cat([data, padRow]);
        var rows = new long[steps * batch];
        int start = 0;
        for (int t = 0; t < steps; t++)
        {
            int size = t < longest ? sizes[t] : 0;
            for (int k = 0; k < batch; k++) rows[t * batch + k] = k < size ? start + k : data.Size(0);
            start += size;
        }
        var padded = source.IndexSelect(0, Tensor.From(rows).To(data.Device)).Reshape([steps, batch, .. data.Shape.ToArray()[1..]]);
        padded = sequence.ToOriginal(padded, 1);
        var lengths = sequence.ToOriginal(Tensor.From(Enumerable.Range(0, batch).Select(k => (long)sizes.Count(s => s > k)).ToArray()), 0);
        return (batchFirst ? padded.Transpose(0, 1) : padded, lengths);
    }

    /// <summary>Pads a list of sequences [Lᵢ, *] to [max L, N, *] ([N, max L, *] with <paramref name="batchFirst"/>).</summary>
    public static Tensor PadSequence(IReadOnlyList<Tensor> sequences, bool batchFirst = false, double paddingValue = 0)
    {
        CheckSequences("PadSequence", sequences);
        int longest = sequences.Max(s => s.Size(0));
        var padded = sequences.Select(s => s.Size(0) == longest ? s
            : Tensor.Cat([s, Tensor.Full([longest - s.Size(0), .. s.Shape.ToArray()[1..]], paddingValue, s.DType).To(s.Device)])).ToArray();
        return Tensor.Stack(padded, batchFirst ? 0 : 1);
    }

    /// <summary>Packs a list of sequences [Lᵢ, *]; with <paramref name="enforceSorted"/> they must come longest first.</summary>
    public static PackedSequence PackSequence(IReadOnlyList<Tensor> sequences, bool enforceSorted = true)
    {
        CheckSequences("PackSequence", sequences);
        return PackPaddedSequence(PadSequence(sequences), sequences.Select(s => (long)s.Size(0)).ToArray(), enforceSorted: enforceSorted);
    }

    private static void CheckSequences(string name, IReadOnlyList<Tensor> sequences)
    {
        if (sequences.Count == 0) throw new ArgumentException($"{name}: expected at least one sequence, got none.");
        var trailing = sequences[0].Shape.ToArray()[1..];
        foreach (var s in sequences)
            if (s.Rank < 1 || !s.Shape.ToArray()[1..].SequenceEqual(trailing) || s.DType != sequences[0].DType)
                throw new ArgumentException($"{name}: every sequence must be [L, {string.Join(", ", trailing)}] of {sequences[0].DType.Name()}, " +
                                            $"got {s.DType.Name()} of shape {s.Shape}.");
    }
}
