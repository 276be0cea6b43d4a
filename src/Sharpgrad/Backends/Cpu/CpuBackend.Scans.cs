using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public override void Scan(Tensor output, Tensor input, int outer, int length, int inner, ScanKind kind)
    {
        RequireOwn("Scan", output, input);
        switch (input.DType)
        {
            case DType.Float32: ScanFloat(input.Data<float>(), input.offset, outer, length, inner, output.Data<float>(), kind); break;
            case DType.Float64: ScanFloat(input.Data<double>(), input.offset, outer, length, inner, output.Data<double>(), kind); break;
            default: ScanInteger(input.Data<long>(), input.offset, outer, length, inner, output.Data<long>(), kind); break;
        }
    }

    public override void CumProdGrad(Tensor dx, Tensor x, Tensor g, int outer, int length, int inner)
    {
        RequireOwn("CumProdGrad", dx, x, g);
        if (x.DType == DType.Float32) ScanKernels.CumProdGrad(x.Data<float>(), x.offset, g.Data<float>(), g.offset, outer, length, inner, dx.Data<float>());
        else ScanKernels.CumProdGrad(x.Data<double>(), x.offset, g.Data<double>(), g.offset, outer, length, inner, dx.Data<double>());
    }

    private static void ScanFloat<T>(T[] x, int offset, int outer, int length, int inner, T[] y, ScanKind kind)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (kind)
        {
            case ScanKind.Sum: ScanKernels.Scan<T, SumStep<T>>(x, offset, outer, length, inner, y); break;
            case ScanKind.Product: ScanKernels.Scan<T, ProdStep<T>>(x, offset, outer, length, inner, y); break;
            default: ScanKernels.Scan<T, LogAddExpStep<T>>(x, offset, outer, length, inner, y); break;
        }
    }

    private static void ScanInteger(long[] x, int offset, int outer, int length, int inner, long[] y, ScanKind kind)
    {
        switch (kind)
        {
            case ScanKind.Sum: ScanKernels.Scan<long, SumStep<long>>(x, offset, outer, length, inner, y); break;
            case ScanKind.Product: ScanKernels.Scan<long, ProdStep<long>>(x, offset, outer, length, inner, y); break;
            default: throw new ArgumentException($"Scan: {kind} needs a floating-point tensor, got int64.");
        }
    }
}
