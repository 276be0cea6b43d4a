using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public override void Reduce(Tensor output, Tensor input, int outer, int length, int inner, ReductionKind kind)
    {
        RequireOwn("Reduce", output, input);
        switch (input.DType)
        {
            case DType.Float32: Reduce(input.Data<float>(), input.offset, outer, length, inner, output.Data<float>(), kind); break;
            case DType.Float64: Reduce(input.Data<double>(), input.offset, outer, length, inner, output.Data<double>(), kind); break;
            default: Reduce(input.Data<long>(), input.offset, outer, length, inner, output.Data<long>(), kind); break;
        }
    }

    public override void ArgExtreme(Tensor values, Tensor indices, Tensor input, int outer, int length, int inner, bool max)
    {
        RequireOwn("ArgExtreme", values, indices, input);
        var at = indices.Data<long>();
        switch (input.DType)
        {
            case DType.Float32: ReductionKernels.ArgExtreme(input.Data<float>(), input.offset, outer, length, inner, max, values.Data<float>(), at); break;
            case DType.Float64: ReductionKernels.ArgExtreme(input.Data<double>(), input.offset, outer, length, inner, max, values.Data<double>(), at); break;
            default: ReductionKernels.ArgExtreme(input.Data<long>(), input.offset, outer, length, inner, max, values.Data<long>(), at); break;
        }
    }

    private static void Reduce<T>(T[] x, int offset, int outer, int length, int inner, T[] output, ReductionKind kind)
        where T : unmanaged, INumber<T>
    {
        if (kind == ReductionKind.Sum) ReductionKernels.Sum(x, offset, outer, length, inner, output);
        else ReductionKernels.Prod(x, offset, outer, length, inner, output);
    }
}
