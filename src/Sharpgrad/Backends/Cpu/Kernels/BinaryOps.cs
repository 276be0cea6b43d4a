using System.Numerics;

namespace Sharpgrad.Kernels;

internal struct AddOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T a, T b) => a + b;
    public Vector<T> Apply(Vector<T> a, Vector<T> b) => a + b;
}

internal struct SubOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T a, T b) => a - b;
    public Vector<T> Apply(Vector<T> a, Vector<T> b) => a - b;
}

internal struct MulOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T a, T b) => a * b;
    public Vector<T> Apply(Vector<T> a, Vector<T> b) => a * b;
}

internal struct DivOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T a, T b) => a / b;
    public Vector<T> Apply(Vector<T> a, Vector<T> b) => a / b;
}

internal struct MaximumOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T a, T b) => T.Max(a, b);
    public Vector<T> Apply(Vector<T> a, Vector<T> b) => Vector.Max(a, b);
}

internal struct MinimumOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T a, T b) => T.Min(a, b);
    public Vector<T> Apply(Vector<T> a, Vector<T> b) => Vector.Min(a, b);
}

internal struct PowOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Apply(T a, T b) => T.Pow(a, b);
    public Vector<T> Apply(Vector<T> a, Vector<T> b) => PerLane.Zip(a, b, this);
}

internal enum Comparison { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

internal struct CompareOp<T>(Comparison comparison) : ICompareOp<T> where T : unmanaged, IComparisonOperators<T, T, bool>
{
    public bool Apply(T a, T b) => comparison switch
    {
        Comparison.Equal => a == b,
        Comparison.NotEqual => a != b,
        Comparison.Less => a < b,
        Comparison.LessOrEqual => a <= b,
        Comparison.Greater => a > b,
        _ => a >= b,
    };
}

/// <summary>a + b·α with α fixed: the in-place update θ ← θ + α·g, rounded as the two separate ops would be (no fused multiply-add).</summary>
internal readonly struct ScaledAddOp<T>(T alpha) : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public T Apply(T a, T b) => a + b * alpha;
    public Vector<T> Apply(Vector<T> a, Vector<T> b) => a + b * alpha;
}
