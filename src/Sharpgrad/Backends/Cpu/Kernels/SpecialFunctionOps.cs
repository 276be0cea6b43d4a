using System.Numerics;

namespace Sharpgrad.Kernels;

// Elementwise forms of the special functions in SpecialFunctions. Each lane is evaluated in double precision
// (then rounded to float32 for float32 tensors), one lane at a time: the recurrences take a data-dependent
// number of steps, so there is no profitable SIMD form.

internal struct LgammaOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T x) => T.CreateTruncating(SpecialFunctions.Lgamma(double.CreateTruncating(x)));
    public Vector<T> Apply(Vector<T> x) => PerLane.Map(x, this);
}

internal struct DigammaOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T x) => T.CreateTruncating(SpecialFunctions.Digamma(double.CreateTruncating(x)));
    public Vector<T> Apply(Vector<T> x) => PerLane.Map(x, this);
}

internal struct TrigammaOp<T> : IUnaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T x) => T.CreateTruncating(SpecialFunctions.Trigamma(double.CreateTruncating(x)));
    public Vector<T> Apply(Vector<T> x) => PerLane.Map(x, this);
}
