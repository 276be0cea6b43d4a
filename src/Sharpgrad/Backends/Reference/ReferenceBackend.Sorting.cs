using System.Numerics;

namespace Sharpgrad.Backends.Reference;

// Sorting by a stable merge sort on positions (MergeSort), in the total order of SortOrder (NaN above +∞). The CPU
// kernels sort with Array.Sort and break ties by position instead; both give the one stable order.
internal sealed partial class ReferenceBackend
{
    public override void ArgSort(Tensor indices, Tensor keys, int outer, int length, int inner, bool descending)
    {
        RequireOwn("ArgSort", indices, keys);
        switch (keys.DType)
        {
            case DType.Float32: ArgSort<float>(indices, keys, outer, length, inner, descending); break;
            case DType.Float64: ArgSort<double>(indices, keys, outer, length, inner, descending); break;
            default: ArgSort<long>(indices, keys, outer, length, inner, descending); break;
        }
    }

    public override void SortRows(Tensor order, Tensor runs, Tensor rows, int count, int width)
    {
        RequireOwn("SortRows", order, runs, rows);
        switch (rows.DType)
        {
            case DType.Float32: SortRows<float>(order, runs, rows, count, width); break;
            case DType.Float64: SortRows<double>(order, runs, rows, count, width); break;
            default: SortRows<long>(order, runs, rows, count, width); break;
        }
    }

    /// <summary>
    /// The mode straight from its definition, without the sorted order: count how often each element's value occurs in
    /// its row, keep the highest count (the smallest value on a tie, in <see cref="SortOrder"/>), and return the last
    /// position holding that value. O(n²) per row.
    /// </summary>
    public override void Mode(Tensor mode, Tensor values, Tensor order, int rows, int n)
    {
        RequireOwn("Mode", mode, values, order);
        switch (values.DType)
        {
            case DType.Float32: Mode<float>(mode, values, rows, n); break;
            case DType.Float64: Mode<double>(mode, values, rows, n); break;
            default: Mode<long>(mode, values, rows, n); break;
        }
    }

    private static void ArgSort<T>(Tensor indices, Tensor keys, int outer, int length, int inner, bool descending) where T : unmanaged, INumber<T>
    {
        T[] x = keys.Data<T>();
        long[] output = indices.Data<long>();
        foreach (var line in Line.All(outer, length, inner))
        {
            var positions = Enumerable.Range(0, length).ToArray();
            MergeSort.Sort(positions, (p, q) =>
            {
                int c = SortOrder.Compare(x[keys.offset + line[p]], x[keys.offset + line[q]]);
                return descending ? -c : c;
            });
            for (int r = 0; r < length; r++) output[indices.offset + line[r]] = positions[r];
        }
    }

    private static void SortRows<T>(Tensor order, Tensor runs, Tensor rows, int count, int width) where T : unmanaged, INumber<T>
    {
        T[] x = rows.Data<T>();
        T Element(int row, int j) => x[rows.offset + row * width + j];
        var sorted = Enumerable.Range(0, count).ToArray();
        MergeSort.Sort(sorted, (p, q) =>
        {
            for (int j = 0; j < width; j++)
            {
                int c = SortOrder.Compare(Element(p, j), Element(q, j));
                if (c != 0) return c;
            }
            return 0;
        });
        long[] orderOut = order.Data<long>(), runsOut = runs.Data<long>();
        long run = 0;
        for (int k = 0; k < count; k++)
        {
            // == (not SortOrder): NaN equals nothing, so each NaN row is a run of its own, as torch.unique.
            if (k > 0 && !Enumerable.Range(0, width).All(j => Element(sorted[k - 1], j) == Element(sorted[k], j))) run++;
            orderOut[order.offset + k] = sorted[k];
            runsOut[runs.offset + k] = run;
        }
    }

    private static void Mode<T>(Tensor mode, Tensor values, int rows, int n) where T : unmanaged, INumber<T>
    {
        T[] x = values.Data<T>();
        long[] output = mode.Data<long>();
        for (int row = 0; row < rows; row++)
        {
            T Value(int k) => x[values.offset + row * n + k];
            int Occurrences(int k) => Enumerable.Range(0, n).Count(j => SortOrder.Compare(Value(j), Value(k)) == 0);
            int best = 0, bestCount = Occurrences(0);
            for (int k = 1; k < n; k++)
            {
                int c = Occurrences(k);
                if (c > bestCount || (c == bestCount && SortOrder.Compare(Value(k), Value(best)) < 0)) (best, bestCount) = (k, c);
            }
            int last = Enumerable.Range(0, n).Last(j => SortOrder.Compare(Value(j), Value(best)) == 0);
            output[mode.offset + row] = last;
        }
    }
}
