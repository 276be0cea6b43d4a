using Sharpgrad.Backends.Cpu;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends;

// Elementwise primitives. The op (Tensors/Elementwise.cs) has promoted the operands to one dtype and allocated the
// output; every input broadcasts to the output's shape, which may be any strided view. A function is passed as one
// struct per dtype (ExpOp<float>, ExpOp<double>): its scalar form is the definition, and a backend may use its SIMD
// form (cpu), its scalar form (reference), or map the struct's type to a kernel of its own (a GPU backend).
internal abstract partial class Backend
{
    /// <summary>y = f(x), float32 or float64.</summary>
    public abstract void Map<TF, TD>(Tensor y, Tensor x, TF f, TD d)
        where TF : struct, IUnaryOp<float> where TD : struct, IUnaryOp<double>;

    /// <summary>y = f(x), float32, float64 or int64.</summary>
    public abstract void Map<TF, TD, TL>(Tensor y, Tensor x, TF f, TD d, TL l)
        where TF : struct, IUnaryOp<float> where TD : struct, IUnaryOp<double> where TL : struct, IUnaryOp<long>;

    /// <summary>y = f(a, b), float32 or float64. y may be a itself (an in-place update, with no repeated elements).</summary>
    public abstract void Zip<TF, TD>(Tensor y, Tensor a, Tensor b, TF f, TD d)
        where TF : struct, IBinaryOp<float> where TD : struct, IBinaryOp<double>;

    /// <summary>y = f(a, b), float32, float64 or int64.</summary>
    public abstract void Zip<TF, TD, TL>(Tensor y, Tensor a, Tensor b, TF f, TD d, TL l)
        where TF : struct, IBinaryOp<float> where TD : struct, IBinaryOp<double> where TL : struct, IBinaryOp<long>;

    // The ops call Map and Zip through these: they are generic virtual methods, which .NET resolves on every call by a
    // runtime lookup (VirtualDispatchHelpers.VirtualFunctionPointer, 3.3% of the CPU time of a 10-element add in perf,
    // issue #20) that dynamic PGO does not remove and that keeps the callee from being inlined. CpuBackend is sealed,
    // so after a type test the call to its non-virtual body is direct; any other backend gets the virtual call.

    /// <summary><see cref="Map{TF, TD}"/> on <paramref name="y"/>'s backend, called directly on the CPU.</summary>
    public static void MapOn<TF, TD>(Tensor y, Tensor x, TF f, TD d)
        where TF : struct, IUnaryOp<float> where TD : struct, IUnaryOp<double>
    {
        if (y.Backend is CpuBackend cpu) cpu.MapElements(y, x, f, d);
        else y.Backend.Map(y, x, f, d);
    }

    /// <summary><see cref="Map{TF, TD, TL}"/> on <paramref name="y"/>'s backend, called directly on the CPU.</summary>
    public static void MapOn<TF, TD, TL>(Tensor y, Tensor x, TF f, TD d, TL l)
        where TF : struct, IUnaryOp<float> where TD : struct, IUnaryOp<double> where TL : struct, IUnaryOp<long>
    {
        if (y.Backend is CpuBackend cpu) cpu.MapElements(y, x, f, d, l);
        else y.Backend.Map(y, x, f, d, l);
    }

    /// <summary><see cref="Zip{TF, TD}"/> on <paramref name="y"/>'s backend, called directly on the CPU.</summary>
    public static void ZipOn<TF, TD>(Tensor y, Tensor a, Tensor b, TF f, TD d)
        where TF : struct, IBinaryOp<float> where TD : struct, IBinaryOp<double>
    {
        if (y.Backend is CpuBackend cpu) cpu.ZipElements(y, a, b, f, d);
        else y.Backend.Zip(y, a, b, f, d);
    }

    /// <summary><see cref="Zip{TF, TD, TL}"/> on <paramref name="y"/>'s backend, called directly on the CPU.</summary>
    public static void ZipOn<TF, TD, TL>(Tensor y, Tensor a, Tensor b, TF f, TD d, TL l)
        where TF : struct, IBinaryOp<float> where TD : struct, IBinaryOp<double> where TL : struct, IBinaryOp<long>
    {
        if (y.Backend is CpuBackend cpu) cpu.ZipElements(y, a, b, f, d, l);
        else y.Backend.Zip(y, a, b, f, d, l);
    }

    /// <summary>y = (a ∘ b) for a comparison ∘; a and b float32, float64 or int64, y bool.</summary>
    public abstract void Compare(Tensor y, Tensor a, Tensor b, Comparison comparison);

    /// <summary>y = condition ? a : b; condition bool, a, b and y of one dtype.</summary>
    public abstract void Where(Tensor y, Tensor condition, Tensor a, Tensor b);

    /// <summary>destination ← source (broadcast), one dtype: materialises views, writes into slices, fills.</summary>
    public abstract void Copy(Tensor destination, Tensor source);

    /// <summary>
    /// destination ← source converted to the destination's dtype: between float32, float64, int64 and bool as C# casts
    /// (bool is x ≠ 0 and 0/1), and between float32 and float16 or bfloat16 (rounding to nearest even). The op converts
    /// other pairs with a half type through float32.
    /// </summary>
    public abstract void Convert(Tensor destination, Tensor source);

    protected static NotSupportedException UnsupportedConversion(Tensor source, Tensor destination) =>
        new($"Convert: no direct conversion from {source.DType.Name()} to {destination.DType.Name()}; the half types convert through float32.");
}
