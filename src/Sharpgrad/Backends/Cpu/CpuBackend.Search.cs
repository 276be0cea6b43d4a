using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public override void Nonzero(Tensor coordinates, Tensor x)
    {
        RequireOwn("Nonzero", coordinates, x);
        var output = coordinates.Data<long>().AsSpan(0, coordinates.Count);
        switch (x.DType)
        {
            case DType.Float32: SearchKernels.Nonzero(Elements<float>(x), x.shape, output); break;
            case DType.Float64: SearchKernels.Nonzero(Elements<double>(x), x.shape, output); break;
            case DType.Int64: SearchKernels.Nonzero(Elements<long>(x), x.shape, output); break;
            default: SearchKernels.Nonzero(Elements<bool>(x), x.shape, output); break;
        }
    }

    public override void Bincount(Tensor counts, Tensor values, Tensor? weights)
    {
        RequireOwn("Bincount", counts, values, weights);
        var v = Elements<long>(values);
        switch (counts.DType)
        {
            case DType.Int64: SearchKernels.Bincount(v, Elements<long>(counts)); break;
            case DType.Float32: SearchKernels.Bincount(v, Elements<float>(weights!), Elements<float>(counts)); break;
            default: SearchKernels.Bincount(v, Elements<double>(weights!), Elements<double>(counts)); break;
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

    private static void SearchSorted<T>(Tensor positions, Tensor sorted, Tensor values, bool right) where T : unmanaged, INumber<T>
    {
        int perRow = sorted.Rank > 1 ? values.shape[^1] : Math.Max(1, values.Count);
        SearchKernels.SearchSorted(Elements<T>(sorted), sorted.shape[^1], Elements<T>(values), perRow, right, Elements<long>(positions));
    }
}
