using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public override void Map<TF, TD>(Tensor y, Tensor x, TF f, TD d) => MapElements(y, x, f, d);

    public override void Map<TF, TD, TL>(Tensor y, Tensor x, TF f, TD d, TL l) => MapElements(y, x, f, d, l);

    public override void Zip<TF, TD>(Tensor y, Tensor a, Tensor b, TF f, TD d) => ZipElements(y, a, b, f, d);

    public override void Zip<TF, TD, TL>(Tensor y, Tensor a, Tensor b, TF f, TD d, TL l) => ZipElements(y, a, b, f, d, l);

    // The bodies of the four primitives above, non-virtual so that Backend.MapOn and ZipOn call them directly.

    internal void MapElements<TF, TD>(Tensor y, Tensor x, TF f, TD d)
        where TF : struct, IUnaryOp<float> where TD : struct, IUnaryOp<double>
    {
        RequireOwn("Map", y, x);
        if (y.DType == DType.Float32) MapKernel<float, TF>(f, y, x);
        else MapKernel<double, TD>(d, y, x);
    }

    internal void MapElements<TF, TD, TL>(Tensor y, Tensor x, TF f, TD d, TL l)
        where TF : struct, IUnaryOp<float> where TD : struct, IUnaryOp<double> where TL : struct, IUnaryOp<long>
    {
        if (y.DType != DType.Int64)
        {
            MapElements(y, x, f, d);
            return;
        }
        RequireOwn("Map", y, x);
        MapKernel<long, TL>(l, y, x);
    }

    internal void ZipElements<TF, TD>(Tensor y, Tensor a, Tensor b, TF f, TD d)
        where TF : struct, IBinaryOp<float> where TD : struct, IBinaryOp<double>
    {
        RequireOwn("Zip", y, a, b);
        if (y.DType == DType.Float32) ZipKernel<float, TF>(f, y, a, b);
        else ZipKernel<double, TD>(d, y, a, b);
    }

    internal void ZipElements<TF, TD, TL>(Tensor y, Tensor a, Tensor b, TF f, TD d, TL l)
        where TF : struct, IBinaryOp<float> where TD : struct, IBinaryOp<double> where TL : struct, IBinaryOp<long>
    {
        if (y.DType != DType.Int64)
        {
            ZipElements(y, a, b, f, d);
            return;
        }
        RequireOwn("Zip", y, a, b);
        ZipKernel<long, TL>(l, y, a, b);
    }

    /// <summary>y = op(x) in one kernel run when the op is small and dense (<see cref="SingleRun"/>), else over a layout.</summary>
    private static void MapKernel<T, TOp>(TOp op, Tensor y, Tensor x) where T : unmanaged where TOp : struct, IUnaryOp<T>
    {
        int sx = SingleRun.Fits(y) ? SingleRun.Stride(y, x) : -1;
        if (sx >= 0) ElementwiseKernels.MapRun(op, y.Count, y.Data<T>(), y.offset, 1, x.Data<T>(), x.offset, sx);
        else ElementwiseKernels.Map(op, Layout(y, x), y.Data<T>(), x.Data<T>());
    }

    /// <summary>y = op(a, b) in one kernel run when the op is small and dense (<see cref="SingleRun"/>), else over a layout.</summary>
    private static void ZipKernel<T, TOp>(TOp op, Tensor y, Tensor a, Tensor b) where T : unmanaged where TOp : struct, IBinaryOp<T>
    {
        bool fits = SingleRun.Fits(y);
        int sa = fits ? SingleRun.Stride(y, a) : -1, sb = fits ? SingleRun.Stride(y, b) : -1;
        if (sa >= 0 && sb >= 0)
            ElementwiseKernels.ZipRun(op, y.Count, y.Data<T>(), y.offset, 1, a.Data<T>(), a.offset, sa, b.Data<T>(), b.offset, sb);
        else ElementwiseKernels.Zip(op, Layout(y, a, b), y.Data<T>(), a.Data<T>(), b.Data<T>());
    }

    public override void Compare(Tensor y, Tensor a, Tensor b, Comparison comparison)
    {
        RequireOwn("Compare", y, a, b);
        var layout = Layout(y, a, b);
        var bools = y.Data<bool>();
        switch (a.DType)
        {
            case DType.Float32: ElementwiseKernels.Compare(new CompareOp<float>(comparison), layout, bools, a.Data<float>(), b.Data<float>()); break;
            case DType.Float64: ElementwiseKernels.Compare(new CompareOp<double>(comparison), layout, bools, a.Data<double>(), b.Data<double>()); break;
            default: ElementwiseKernels.Compare(new CompareOp<long>(comparison), layout, bools, a.Data<long>(), b.Data<long>()); break;
        }
    }

    public override void Where(Tensor y, Tensor condition, Tensor a, Tensor b)
    {
        RequireOwn("Where", y, condition, a, b);
        var layout = Layout(y, condition, a, b);
        var c = condition.Data<bool>();
        switch (y.DType)
        {
            case DType.Float32: ElementwiseKernels.Where(layout, y.Data<float>(), c, a.Data<float>(), b.Data<float>()); break;
            case DType.Float64: ElementwiseKernels.Where(layout, y.Data<double>(), c, a.Data<double>(), b.Data<double>()); break;
            case DType.Int64: ElementwiseKernels.Where(layout, y.Data<long>(), c, a.Data<long>(), b.Data<long>()); break;
            case DType.Float16: ElementwiseKernels.Where(layout, y.Data<Half>(), c, a.Data<Half>(), b.Data<Half>()); break;
            case DType.BFloat16: ElementwiseKernels.Where(layout, y.Data<BFloat16>(), c, a.Data<BFloat16>(), b.Data<BFloat16>()); break;
            default: ElementwiseKernels.Where(layout, y.Data<bool>(), c, a.Data<bool>(), b.Data<bool>()); break;
        }
    }

    public override void Copy(Tensor destination, Tensor source)
    {
        RequireOwn("Copy", destination, source);
        var layout = Layout(destination, source);
        switch (destination.DType)
        {
            case DType.Float32: ElementwiseKernels.Copy(layout, destination.Data<float>(), source.Data<float>()); break;
            case DType.Float64: ElementwiseKernels.Copy(layout, destination.Data<double>(), source.Data<double>()); break;
            case DType.Int64: ElementwiseKernels.Copy(layout, destination.Data<long>(), source.Data<long>()); break;
            case DType.Float16: ElementwiseKernels.Copy(layout, destination.Data<Half>(), source.Data<Half>()); break;
            case DType.BFloat16: ElementwiseKernels.Copy(layout, destination.Data<BFloat16>(), source.Data<BFloat16>()); break;
            default: ElementwiseKernels.Copy(layout, destination.Data<bool>(), source.Data<bool>()); break;
        }
    }

    public override void Convert(Tensor destination, Tensor source)
    {
        RequireOwn("Convert", destination, source);
        var layout = Layout(destination, source);
        switch (source.DType, destination.DType)
        {
            case (DType.Float32, DType.Float64): ConvertNumber<float, double>(layout, destination, source); break;
            case (DType.Float32, DType.Int64): ConvertNumber<float, long>(layout, destination, source); break;
            case (DType.Float64, DType.Float32): ConvertNumber<double, float>(layout, destination, source); break;
            case (DType.Float64, DType.Int64): ConvertNumber<double, long>(layout, destination, source); break;
            case (DType.Int64, DType.Float32): ConvertNumber<long, float>(layout, destination, source); break;
            case (DType.Int64, DType.Float64): ConvertNumber<long, double>(layout, destination, source); break;
            case (DType.Float32, DType.Bool): ToBool<float>(layout, destination, source); break;
            case (DType.Float64, DType.Bool): ToBool<double>(layout, destination, source); break;
            case (DType.Int64, DType.Bool): ToBool<long>(layout, destination, source); break;
            case (DType.Bool, DType.Float32): FromBool<float>(layout, destination, source); break;
            case (DType.Bool, DType.Float64): FromBool<double>(layout, destination, source); break;
            case (DType.Bool, DType.Int64): FromBool<long>(layout, destination, source); break;
            case (DType.Float32, DType.Float16): Narrow<Float16Format, Half>(layout, destination, source); break;
            case (DType.Float32, DType.BFloat16): Narrow<BFloat16Format, BFloat16>(layout, destination, source); break;
            case (DType.Float16, DType.Float32): Widen<Float16Format, Half>(layout, destination, source); break;
            case (DType.BFloat16, DType.Float32): Widen<BFloat16Format, BFloat16>(layout, destination, source); break;
            case var (from, to) when from == to: Copy(destination, source); break;
            default: throw UnsupportedConversion(source, destination);
        }
    }

    private static void ConvertNumber<TFrom, TTo>(StridedLayout layout, Tensor y, Tensor x)
        where TFrom : unmanaged, INumberBase<TFrom> where TTo : unmanaged, INumberBase<TTo>
        => ElementwiseKernels.Convert(default(NumericConversion<TFrom, TTo>), layout, y.Data<TTo>(), x.Data<TFrom>());

    private static void Narrow<TFormat, THalf>(StridedLayout layout, Tensor y, Tensor x) where TFormat : struct, IHalfFormat where THalf : unmanaged
        => BlockConversionKernels.Convert(default(Narrowing<TFormat, THalf>), layout, y.Data<THalf>(), x.Data<float>());

    private static void Widen<TFormat, THalf>(StridedLayout layout, Tensor y, Tensor x) where TFormat : struct, IHalfFormat where THalf : unmanaged
        => BlockConversionKernels.Convert(default(Widening<TFormat, THalf>), layout, y.Data<float>(), x.Data<THalf>());

    private static void ToBool<T>(StridedLayout layout, Tensor y, Tensor x) where T : unmanaged, INumberBase<T>
        => ElementwiseKernels.Convert(default(ToBoolConversion<T>), layout, y.Data<bool>(), x.Data<T>());

    private static void FromBool<T>(StridedLayout layout, Tensor y, Tensor x) where T : unmanaged, INumberBase<T>
        => ElementwiseKernels.Convert(default(FromBoolConversion<T>), layout, y.Data<T>(), x.Data<bool>());
}
