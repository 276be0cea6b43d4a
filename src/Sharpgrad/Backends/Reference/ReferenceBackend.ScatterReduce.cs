using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Reference;

// torch.scatter_reduce as its documentation defines it: every source value at position p is combined into the target
// element at p with p[dim] replaced by index[p], in row-major order of p. A "mean" is the sum divided by how many
// values the element took part with (the ones received, and itself when included).
internal sealed partial class ReferenceBackend
{
    public override void ScatterReduce(Tensor target, int dim, Tensor index, Tensor source, ScatterReduction reduction, bool includeSelf)
    {
        RequireOwn("ScatterReduce", target, index, source);
        switch (target.DType)
        {
            case DType.Float32: ScatterReduce<float>(target, dim, index, source, reduction, includeSelf); break;
            case DType.Float64: ScatterReduce<double>(target, dim, index, source, reduction, includeSelf); break;
            default: ScatterReduce<long>(target, dim, index, source, reduction, includeSelf); break;
        }
    }

    private static void ScatterReduce<T>(Tensor target, int dim, Tensor index, Tensor source, ScatterReduction reduction, bool includeSelf)
        where T : unmanaged, INumber<T>
    {
        T[] t = target.Data<T>(), s = source.Data<T>();
        long[] ids = index.Data<long>();
        var received = new int[target.Count];   // by the target element's row-major position
        var p = new int[index.Rank];
        for (int i = 0; i < index.Count; i++)
        {
            Coordinates.Of(i, index.shape, p);
            T value = s[source.OffsetOf(p)];
            p[dim] = InRange(ids[index.OffsetOf(p)], target.shape[dim], dim, "ScatterReduce");
            int at = target.OffsetOf(p);
            bool first = received[Coordinates.Linear(p, target.shape)]++ == 0;
            // Without includeSelf, the target's own value takes no part: the first value received replaces it.
            t[at] = first && !includeSelf ? value : Combine(t[at], value, reduction);
        }
        if (reduction != ScatterReduction.Mean) return;
        var q = new int[target.Rank];
        for (int i = 0; i < target.Count; i++)
        {
            if (received[i] == 0) continue;
            Coordinates.Of(i, target.shape, q);
            int at = target.OffsetOf(q);
            t[at] = Mean(t[at], received[i] + (includeSelf ? 1 : 0));
        }
    }

    /// <summary>The running sum, product, max or min with one more value; a NaN, once in a max or min, stays (PyTorch).</summary>
    private static T Combine<T>(T current, T value, ScatterReduction reduction) where T : INumber<T> => reduction switch
    {
        ScatterReduction.Prod => current * value,
        ScatterReduction.Amax => T.IsNaN(current) ? current : T.IsNaN(value) || value > current ? value : current,
        ScatterReduction.Amin => T.IsNaN(current) ? current : T.IsNaN(value) || value < current ? value : current,
        _ => current + value,   // Sum, and the sum a Mean divides at the end
    };

    /// <summary>total / count; for int64 rounded toward −∞ (PyTorch's floor division), where C#'s / rounds toward 0.</summary>
    private static T Mean<T>(T total, int count) where T : INumber<T>
    {
        if (total is not long sum) return total / T.CreateChecked(count);
        long quotient = sum / count;
        if (sum % count != 0 && sum < 0) quotient--;
        return T.CreateChecked(quotient);
    }
}
