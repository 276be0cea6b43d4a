using System.Numerics;

namespace Sharpgrad.Backends.Reference;

// Reductions as the definitions read: one accumulator per line, the elements taken in index order. The CPU kernels
// add in SIMD lanes and fixed blocks instead; floating-point addition is not associative (GBC §4.1: every operation
// rounds), so the two differ in the last bits, which is what the float tolerances of the conformance tests allow for.
internal sealed partial class ReferenceBackend
{
    public override void Reduce(Tensor output, Tensor input, int outer, int length, int inner, ReductionKind kind)
    {
        RequireOwn("Reduce", output, input);
        switch (input.DType)
        {
            case DType.Float32: Reduce<float>(output, input, outer, length, inner, kind); break;
            case DType.Float64: Reduce<double>(output, input, outer, length, inner, kind); break;
            default: Reduce<long>(output, input, outer, length, inner, kind); break;
        }
    }

    public override void ArgExtreme(Tensor values, Tensor indices, Tensor input, int outer, int length, int inner, bool max)
    {
        RequireOwn("ArgExtreme", values, indices, input);
        switch (input.DType)
        {
            case DType.Float32: ArgExtreme<float>(values, indices, input, outer, length, inner, max); break;
            case DType.Float64: ArgExtreme<double>(values, indices, input, outer, length, inner, max); break;
            default: ArgExtreme<long>(values, indices, input, outer, length, inner, max); break;
        }
    }

    /// <summary>Σ_r x[o, r, i] or ∏_r x[o, r, i], starting from the identity (0 or 1), so an empty line gives it.</summary>
    private static void Reduce<T>(Tensor output, Tensor input, int outer, int length, int inner, ReductionKind kind)
        where T : unmanaged, INumber<T>
    {
        T[] x = input.Data<T>(), y = output.Data<T>();
        foreach (var line in Line.All(outer, length, inner))
        {
            T acc = kind == ReductionKind.Sum ? T.Zero : T.One;
            for (int r = 0; r < length; r++)
            {
                T v = x[input.offset + line[r]];
                acc = kind == ReductionKind.Sum ? acc + v : acc * v;
            }
            y[output.offset + line.Number] = acc;
        }
    }

    /// <summary>
    /// argmax (or argmin) of each line (GBC §2 notation: the argument at which the max is reached), keeping the first
    /// position on ties. A NaN is taken as the extreme, and the first one found stays: no number can beat it.
    /// </summary>
    private static void ArgExtreme<T>(Tensor values, Tensor indices, Tensor input, int outer, int length, int inner, bool max)
        where T : unmanaged, INumber<T>
    {
        T[] x = input.Data<T>(), best = values.Data<T>();
        long[] at = indices.Data<long>();
        foreach (var line in Line.All(outer, length, inner))
        {
            int found = 0;
            for (int r = 1; r < length; r++)
            {
                T current = x[input.offset + line[found]], candidate = x[input.offset + line[r]];
                if (T.IsNaN(current)) break;
                if (T.IsNaN(candidate) || (max ? candidate > current : candidate < current)) found = r;
            }
            best[values.offset + line.Number] = x[input.offset + line[found]];
            at[indices.offset + line.Number] = found;
        }
    }
}
