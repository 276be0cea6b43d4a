using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public override void ArgSort(Tensor indices, Tensor keys, int outer, int length, int inner, bool descending)
    {
        RequireOwn("ArgSort", indices, keys);
        var ids = indices.Data<long>();
        switch (keys.DType)
        {
            case DType.Float32: SortKernels.ArgSort(keys.Data<float>(), keys.offset, outer, length, inner, descending, ids); break;
            case DType.Float64: SortKernels.ArgSort(keys.Data<double>(), keys.offset, outer, length, inner, descending, ids); break;
            default: SortKernels.ArgSort(keys.Data<long>(), keys.offset, outer, length, inner, descending, ids); break;
        }
    }

    public override void SortRows(Tensor order, Tensor runs, Tensor rows, int count, int width)
    {
        RequireOwn("SortRows", order, runs, rows);
        var (sorted, run, _) = rows.DType switch
        {
            DType.Float32 => SortKernels.SortedRuns(rows.Data<float>(), rows.offset, count, width),
            DType.Float64 => SortKernels.SortedRuns(rows.Data<double>(), rows.offset, count, width),
            _ => SortKernels.SortedRuns(rows.Data<long>(), rows.offset, count, width),
        };
        long[] orderOut = order.Data<long>(), runsOut = runs.Data<long>();
        for (int k = 0; k < count; k++) (orderOut[k], runsOut[k]) = (sorted[k], run[k]);
    }

    public override void Mode(Tensor mode, Tensor values, Tensor order, int rows, int n)
    {
        RequireOwn("Mode", mode, values, order);
        switch (values.DType)
        {
            case DType.Float32: ModeRows(values.Data<float>(), values.offset, rows, n, order, mode); break;
            case DType.Float64: ModeRows(values.Data<double>(), values.offset, rows, n, order, mode); break;
            default: ModeRows(values.Data<long>(), values.offset, rows, n, order, mode); break;
        }
    }

    private static void ModeRows<T>(T[] values, int offset, int rows, int n, Tensor order, Tensor mode) where T : unmanaged, INumber<T>
        => OrderStatisticKernels.ModeRows(values, offset, rows, n, Elements<long>(order), Elements<long>(mode));
}
