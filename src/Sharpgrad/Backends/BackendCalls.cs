using Sharpgrad.Backends.Cpu;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends;

/// <summary>
/// Calls of the elementwise primitives, which every arithmetic op and most backward rules make. They are generic
/// virtual methods, and .NET resolves a generic virtual call at run time through a lookup of the instantiation, which
/// the per-op overhead benchmark showed (0.27 → 0.31 µs per op, docs/performance.md, issue #20). When the tensors live
/// on the CPU, whose backend is a sealed class, these call its non-virtual bodies, which the JIT binds when it compiles
/// the call; any other backend gets the virtual call. The result is the same either way.
/// </summary>
internal static class BackendCalls
{
    public static void Map<TF, TD>(Tensor y, Tensor x, TF f, TD d)
        where TF : struct, IUnaryOp<float> where TD : struct, IUnaryOp<double>
    {
        if (y.Backend is CpuBackend cpu) cpu.MapDirect(y, x, f, d);
        else y.Backend.Map(y, x, f, d);
    }

    public static void Map<TF, TD, TL>(Tensor y, Tensor x, TF f, TD d, TL l)
        where TF : struct, IUnaryOp<float> where TD : struct, IUnaryOp<double> where TL : struct, IUnaryOp<long>
    {
        if (y.Backend is CpuBackend cpu) cpu.MapDirect(y, x, f, d, l);
        else y.Backend.Map(y, x, f, d, l);
    }

    public static void Zip<TF, TD>(Tensor y, Tensor a, Tensor b, TF f, TD d)
        where TF : struct, IBinaryOp<float> where TD : struct, IBinaryOp<double>
    {
        if (y.Backend is CpuBackend cpu) cpu.ZipDirect(y, a, b, f, d);
        else y.Backend.Zip(y, a, b, f, d);
    }

    public static void Zip<TF, TD, TL>(Tensor y, Tensor a, Tensor b, TF f, TD d, TL l)
        where TF : struct, IBinaryOp<float> where TD : struct, IBinaryOp<double> where TL : struct, IBinaryOp<long>
    {
        if (y.Backend is CpuBackend cpu) cpu.ZipDirect(y, a, b, f, d, l);
        else y.Backend.Zip(y, a, b, f, d, l);
    }
}
