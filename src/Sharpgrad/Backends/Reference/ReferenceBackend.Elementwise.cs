using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Reference;

// Each elementwise primitive is one loop over the output's elements: find every operand's element at the same
// position (ElementOffsets does the broadcasting) and apply the function's scalar form.
internal sealed partial class ReferenceBackend
{
    public override void Map<TF, TD>(Tensor y, Tensor x, TF f, TD d)
    {
        RequireOwn("Map", y, x);
        if (y.DType == DType.Float32) Map<float, TF>(y, x, f);
        else Map<double, TD>(y, x, d);
    }

    public override void Map<TF, TD, TL>(Tensor y, Tensor x, TF f, TD d, TL l)
    {
        RequireOwn("Map", y, x);
        if (y.DType == DType.Int64) Map<long, TL>(y, x, l);
        else Map(y, x, f, d);
    }

    public override void Zip<TF, TD>(Tensor y, Tensor a, Tensor b, TF f, TD d)
    {
        RequireOwn("Zip", y, a, b);
        if (y.DType == DType.Float32) Zip<float, TF>(y, a, b, f);
        else Zip<double, TD>(y, a, b, d);
    }

    public override void Zip<TF, TD, TL>(Tensor y, Tensor a, Tensor b, TF f, TD d, TL l)
    {
        RequireOwn("Zip", y, a, b);
        if (y.DType == DType.Int64) Zip<long, TL>(y, a, b, l);
        else Zip(y, a, b, f, d);
    }

    public override void Compare(Tensor y, Tensor a, Tensor b, Comparison comparison)
    {
        RequireOwn("Compare", y, a, b);
        switch (a.DType)
        {
            case DType.Float32: Compare<float>(y, a, b, comparison); break;
            case DType.Float64: Compare<double>(y, a, b, comparison); break;
            default: Compare<long>(y, a, b, comparison); break;
        }
    }

    public override void Where(Tensor y, Tensor condition, Tensor a, Tensor b)
    {
        RequireOwn("Where", y, condition, a, b);
        switch (y.DType)
        {
            case DType.Float32: Where<float>(y, condition, a, b); break;
            case DType.Float64: Where<double>(y, condition, a, b); break;
            case DType.Int64: Where<long>(y, condition, a, b); break;
            case DType.Float16: Where<Half>(y, condition, a, b); break;
            case DType.BFloat16: Where<BFloat16>(y, condition, a, b); break;
            default: Where<bool>(y, condition, a, b); break;
        }
    }

    public override void Copy(Tensor destination, Tensor source)
    {
        RequireOwn("Copy", destination, source);
        switch (destination.DType)
        {
            case DType.Float32: Convert<float, float>(destination, source, v => v); break;
            case DType.Float64: Convert<double, double>(destination, source, v => v); break;
            case DType.Int64: Convert<long, long>(destination, source, v => v); break;
            case DType.Float16: Convert<Half, Half>(destination, source, v => v); break;
            case DType.BFloat16: Convert<BFloat16, BFloat16>(destination, source, v => v); break;
            default: Convert<bool, bool>(destination, source, v => v); break;
        }
    }

    public override void Convert(Tensor destination, Tensor source)
    {
        RequireOwn("Convert", destination, source);
        if (source.DType.IsHalf() || destination.DType.IsHalf())
        {
            ConvertHalf(destination, source);
            return;
        }
        switch (source.DType)
        {
            case DType.Float32: ConvertFrom<float>(destination, source); break;
            case DType.Float64: ConvertFrom<double>(destination, source); break;
            case DType.Int64: ConvertFrom<long>(destination, source); break;
            default: ConvertFromBool(destination, source); break;
        }
    }

    /// <summary>float32 ↔ float16 or bfloat16 through the formats' scalar definitions (<see cref="IHalfFormat"/>).</summary>
    private void ConvertHalf(Tensor y, Tensor x)
    {
        switch (x.DType, y.DType)
        {
            case (DType.Float32, DType.Float16): Convert<float, Half>(y, x, default(Narrowing<Float16Format, Half>).Apply); break;
            case (DType.Float32, DType.BFloat16): Convert<float, BFloat16>(y, x, default(Narrowing<BFloat16Format, BFloat16>).Apply); break;
            case (DType.Float16, DType.Float32): Convert<Half, float>(y, x, default(Widening<Float16Format, Half>).Apply); break;
            case (DType.BFloat16, DType.Float32): Convert<BFloat16, float>(y, x, default(Widening<BFloat16Format, BFloat16>).Apply); break;
            case var (from, to) when from == to: Copy(y, x); break;
            default: throw UnsupportedConversion(x, y);
        }
    }

    private static void Map<T, TOp>(Tensor y, Tensor x, TOp op) where T : unmanaged where TOp : struct, IUnaryOp<T>
    {
        T[] output = y.Data<T>(), input = x.Data<T>();
        var at = new ElementOffsets(y);
        var xAt = new ElementOffsets(x, y.shape);
        for (int i = 0; i < y.Count; i++) output[at[i]] = op.Apply(input[xAt[i]]);
    }

    private static void Zip<T, TOp>(Tensor y, Tensor a, Tensor b, TOp op) where T : unmanaged where TOp : struct, IBinaryOp<T>
    {
        T[] output = y.Data<T>(), left = a.Data<T>(), right = b.Data<T>();
        var at = new ElementOffsets(y);
        var aAt = new ElementOffsets(a, y.shape);
        var bAt = new ElementOffsets(b, y.shape);
        for (int i = 0; i < y.Count; i++) output[at[i]] = op.Apply(left[aAt[i]], right[bAt[i]]);
    }

    private static void Compare<T>(Tensor y, Tensor a, Tensor b, Comparison comparison) where T : unmanaged, INumber<T>
    {
        bool[] output = y.Data<bool>();
        T[] left = a.Data<T>(), right = b.Data<T>();
        var at = new ElementOffsets(y);
        var aAt = new ElementOffsets(a, y.shape);
        var bAt = new ElementOffsets(b, y.shape);
        for (int i = 0; i < y.Count; i++)
        {
            T u = left[aAt[i]], v = right[bAt[i]];
            output[at[i]] = comparison switch
            {
                Comparison.Equal => u == v,
                Comparison.NotEqual => u != v,
                Comparison.Less => u < v,
                Comparison.LessOrEqual => u <= v,
                Comparison.Greater => u > v,
                _ => u >= v,
            };
        }
    }

    private static void Where<T>(Tensor y, Tensor condition, Tensor a, Tensor b) where T : unmanaged
    {
        T[] output = y.Data<T>(), left = a.Data<T>(), right = b.Data<T>();
        bool[] choose = condition.Data<bool>();
        var at = new ElementOffsets(y);
        var cAt = new ElementOffsets(condition, y.shape);
        var aAt = new ElementOffsets(a, y.shape);
        var bAt = new ElementOffsets(b, y.shape);
        for (int i = 0; i < y.Count; i++) output[at[i]] = choose[cAt[i]] ? left[aAt[i]] : right[bAt[i]];
    }

    private static void ConvertFrom<TFrom>(Tensor y, Tensor x) where TFrom : unmanaged, INumberBase<TFrom>
    {
        // C# casts: floats round to nearest, float → int64 truncates toward zero.
        switch (y.DType)
        {
            case DType.Float32: Convert<TFrom, float>(y, x, float.CreateTruncating); break;
            case DType.Float64: Convert<TFrom, double>(y, x, double.CreateTruncating); break;
            case DType.Int64: Convert<TFrom, long>(y, x, long.CreateTruncating); break;
            default: Convert<TFrom, bool>(y, x, v => v != TFrom.Zero); break;
        }
    }

    private static void ConvertFromBool(Tensor y, Tensor x)
    {
        switch (y.DType)
        {
            case DType.Float32: Convert<bool, float>(y, x, v => v ? 1f : 0f); break;
            case DType.Float64: Convert<bool, double>(y, x, v => v ? 1d : 0d); break;
            case DType.Int64: Convert<bool, long>(y, x, v => v ? 1L : 0L); break;
            default: Convert<bool, bool>(y, x, v => v); break;
        }
    }

    private static void Convert<TFrom, TTo>(Tensor y, Tensor x, Func<TFrom, TTo> convert) where TFrom : unmanaged where TTo : unmanaged
    {
        TTo[] output = y.Data<TTo>();
        TFrom[] input = x.Data<TFrom>();
        var at = new ElementOffsets(y);
        var xAt = new ElementOffsets(x, y.shape);
        for (int i = 0; i < y.Count; i++) output[at[i]] = convert(input[xAt[i]]);
    }
}
