namespace Sharpgrad.Backends.Reference;

// Index bookkeeping that reads int64 index or label tensors: wrapping negative indices, and the range of class labels.
internal sealed partial class ReferenceBackend
{
    public override void AddWrappedIndex(Tensor linear, Tensor index, int size, int dim, long scale, string op)
    {
        RequireOwn(op, linear, index);
        long[] rows = linear.Data<long>(), entries = index.Data<long>();
        ElementOffsets rowAt = new(linear), entryAt = new(index);
        for (int i = 0; i < linear.Count; i++)
        {
            long entry = entries[entryAt[i]];
            // NumPy's rule: −size..−1 count from the end of the dim, so −1 is its last element.
            if (entry < -size || entry >= size)
                throw new IndexOutOfRangeException($"{op}: index {entry} is out of bounds for dim {dim} of size {size}.");
            rows[rowAt[i]] += (entry < 0 ? entry + size : entry) * scale;
        }
    }

    public override (long Lowest, long Highest, int Counted) ClassLabelRange(Tensor labels, long? ignoreIndex)
    {
        RequireOwn("ClassLabelRange", labels);
        if (labels.Count == 0) return (0, 0, 0);
        long[] values = labels.Data<long>();
        var at = new ElementOffsets(labels);
        long lowest = long.MaxValue, highest = long.MinValue;
        int counted = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            long label = values[at[i]];
            if (label == ignoreIndex)
            {
                // An ignored label is checked as class 0, which is always in range.
                lowest = Math.Min(lowest, 0);
                highest = Math.Max(highest, 0);
                continue;
            }
            lowest = Math.Min(lowest, label);
            highest = Math.Max(highest, label);
            counted++;
        }
        return (lowest, highest, counted);
    }
}
