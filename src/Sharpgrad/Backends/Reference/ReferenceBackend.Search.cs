using System.Numerics;

namespace Sharpgrad.Backends.Reference;

internal sealed partial class ReferenceBackend
{
    public override void Nonzero(Tensor coordinates, Tensor x)
    {
        RequireOwn("Nonzero", coordinates, x);
        switch (x.DType)
        {
            case DType.Float32: Nonzero<float>(coordinates, x, v => v != 0); break;
            case DType.Float64: Nonzero<double>(coordinates, x, v => v != 0); break;
            case DType.Int64: Nonzero<long>(coordinates, x, v => v != 0); break;
            default: Nonzero<bool>(coordinates, x, v => v); break;
        }
    }

    public override void Bincount(Tensor counts, Tensor values, Tensor? weights)
    {
        RequireOwn("Bincount", counts, values, weights);
        switch (counts.DType)
        {
            case DType.Float32: Bincount<float>(counts, values, weights); break;
            case DType.Float64: Bincount<double>(counts, values, weights); break;
            default: Bincount<long>(counts, values, weights); break;
        }
    }

    public override void SearchSorted(Tensor positions, Tensor sorted, Tensor values, bool right)
    {
        RequireOwn("SearchSorted", positions, sorted, values);
        switch (sorted.DType)
        {
            case DType.Float32: SearchSorted<float>(positions, sorted, values, right); break;
            case DType.Float64: SearchSorted<double>(positions, sorted, values, right); break;
            default: SearchSorted<long>(positions, sorted, values, right); break;
        }
    }

    /// <summary>Visits the elements in row-major order and writes the multi-index (GBC §2.1) of each nonzero one.</summary>
    private static void Nonzero<T>(Tensor coordinates, Tensor x, Func<T, bool> isNonzero) where T : unmanaged
    {
        T[] input = x.Data<T>();
        long[] output = coordinates.Data<long>();
        var at = new ElementOffsets(x);
        int rank = x.Rank, written = 0;
        for (int i = 0; i < x.Count; i++)
        {
            if (!isNonzero(input[at[i]])) continue;
            int rest = i;
            for (int d = rank - 1; d >= 0; d--)
            {
                output[coordinates.offset + written * rank + d] = rest % x.shape[d];
                rest /= x.shape[d];
            }
            written++;
        }
    }

    /// <summary>counts[v] = Σ over the elements equal to v of their weight (1 without weights), in input order.</summary>
    private static void Bincount<T>(Tensor counts, Tensor values, Tensor? weights) where T : unmanaged, INumber<T>
    {
        T[] output = counts.Data<T>();
        long[] bins = values.Data<long>();
        T[]? w = weights?.Data<T>();
        for (int v = 0; v < counts.Count; v++) output[counts.offset + v] = T.Zero;
        for (int i = 0; i < values.Count; i++)
            output[counts.offset + (int)bins[values.offset + i]] += w is null ? T.One : w[weights!.offset + i];
    }

    /// <summary>
    /// Binary search for the insertion point (Knuth, <i>The Art of Computer Programming</i> vol. 3, §6.2.1): keep an
    /// interval [lo, hi) known to hold it and halve it by comparing with its middle element. A value goes after a
    /// boundary when not (boundary ≥ value), or not (boundary &gt; value) with <paramref name="right"/>: PyTorch's
    /// test, so NaN values and NaN boundaries fall where PyTorch puts them.
    /// </summary>
    private static void SearchSorted<T>(Tensor positions, Tensor sorted, Tensor values, bool right) where T : unmanaged, INumber<T>
    {
        T[] boundaries = sorted.Data<T>(), input = values.Data<T>();
        long[] output = positions.Data<long>();
        int m = sorted.shape[^1];
        for (int j = 0; j < values.Count; j++)
        {
            int row = sorted.Rank == 1 ? 0 : j / values.shape[^1];
            T value = input[values.offset + j];
            int lo = 0, hi = m;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                T boundary = boundaries[sorted.offset + row * m + mid];
                bool after = right ? !(boundary > value) : !(boundary >= value);
                if (after) lo = mid + 1;
                else hi = mid;
            }
            output[positions.offset + j] = lo;
        }
    }
}
