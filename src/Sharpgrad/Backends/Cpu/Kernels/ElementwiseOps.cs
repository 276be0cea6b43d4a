using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// An elementwise function given both as a scalar and as a SIMD lane-wise function. Ops are structs so the JIT
/// specialises and inlines each kernel per op: the loop is written once, the arithmetic once per op.
/// </summary>
internal interface IUnaryOp<T> where T : unmanaged
{
    T Apply(T x);
    Vector<T> Apply(Vector<T> x);
}

internal interface IBinaryOp<T> where T : unmanaged
{
    T Apply(T a, T b);
    Vector<T> Apply(Vector<T> a, Vector<T> b);
}

internal interface ICompareOp<T> where T : unmanaged
{
    bool Apply(T a, T b);
}

/// <summary>An elementwise change of dtype, as a struct so the conversion inlines into the kernel's loop.</summary>
internal interface IConvertOp<TFrom, TTo> where TFrom : unmanaged where TTo : unmanaged
{
    TTo Apply(TFrom value);
}

/// <summary>Between number types, as a C# cast: floats round to nearest, float → int64 truncates toward zero.</summary>
internal struct NumericConversion<TFrom, TTo> : IConvertOp<TFrom, TTo>
    where TFrom : unmanaged, INumberBase<TFrom> where TTo : unmanaged, INumberBase<TTo>
{
    public TTo Apply(TFrom value) => TTo.CreateTruncating(value);
}

internal struct ToBoolConversion<T> : IConvertOp<T, bool> where T : unmanaged, INumberBase<T>
{
    public bool Apply(T value) => value != T.Zero;
}

internal struct FromBoolConversion<T> : IConvertOp<bool, T> where T : unmanaged, INumberBase<T>
{
    public T Apply(bool value) => value ? T.One : T.Zero;
}

/// <summary>SIMD transcendental functions for the two float dtypes, behind one generic entry point.</summary>
internal static class VectorMath
{
    /// <summary>a·b + c with a single rounding where the hardware has FMA.</summary>
    public static Vector<T> Fma<T>(Vector<T> a, Vector<T> b, Vector<T> c) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return Vector.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
        return a * b + c;
    }

    public static Vector<T> Exp<T>(Vector<T> x) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return Vector.Exp(x.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector.Exp(x.As<T, double>()).As<double, T>();
        throw new NotSupportedException();
    }

    public static Vector<T> Log<T>(Vector<T> x) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return Vector.Log(x.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector.Log(x.As<T, double>()).As<double, T>();
        throw new NotSupportedException();
    }

    public static Vector<T> Sin<T>(Vector<T> x) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return Vector.Sin(x.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector.Sin(x.As<T, double>()).As<double, T>();
        throw new NotSupportedException();
    }

    public static Vector<T> Cos<T>(Vector<T> x) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return Vector.Cos(x.As<T, float>()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector.Cos(x.As<T, double>()).As<double, T>();
        throw new NotSupportedException();
    }
}
