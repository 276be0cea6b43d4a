using System.Numerics;

namespace Sharpgrad.Backends.Reference;

// Running ops as their definition y_j = x_0 ⊕ … ⊕ x_j, one line at a time, each element once.
internal sealed partial class ReferenceBackend
{
    public override void Scan(Tensor output, Tensor input, int outer, int length, int inner, ScanKind kind)
    {
        RequireOwn("Scan", output, input);
        switch (input.DType)
        {
            case DType.Float32: Scan<float>(output, input, outer, length, inner, FloatStep<float>(kind)); break;
            case DType.Float64: Scan<double>(output, input, outer, length, inner, FloatStep<double>(kind)); break;
            case DType.Int64 when kind != ScanKind.LogSumExp: Scan<long>(output, input, outer, length, inner, NumberStep<long>(kind)); break;
            default: throw new ArgumentException($"Scan: {kind} needs a floating-point tensor, got {input.DType.Name()}.");
        }
    }

    /// <summary>
    /// dx_k = Σ_{j≥k} g_j ∏_{i≤j, i≠k} x_i straight from its definition (the chain rule, GBC §6.5, through
    /// y_j = ∏_{i≤j} x_i): for each k, the products ∏_{i≤j, i≠k} x_i for j = k, k+1, … are built up one factor at a
    /// time. O(length²) per line, and no division, so it is exact where elements are 0.
    /// </summary>
    public override void CumProdGrad(Tensor dx, Tensor x, Tensor g, int outer, int length, int inner)
    {
        RequireOwn("CumProdGrad", dx, x, g);
        if (x.DType == DType.Float32) CumProdGrad<float>(dx, x, g, outer, length, inner);
        else CumProdGrad<double>(dx, x, g, outer, length, inner);
    }

    private static void Scan<T>(Tensor output, Tensor input, int outer, int length, int inner, Func<T, T, T> step) where T : unmanaged
    {
        T[] x = input.Data<T>(), y = output.Data<T>();
        foreach (var line in Line.All(outer, length, inner))
        {
            T acc = default;
            for (int r = 0; r < length; r++)
            {
                T v = x[input.offset + line[r]];
                acc = r == 0 ? v : step(acc, v);
                y[output.offset + line[r]] = acc;
            }
        }
    }

    private static Func<T, T, T> NumberStep<T>(ScanKind kind) where T : INumber<T>
        => kind == ScanKind.Sum ? (a, b) => a + b : (a, b) => a * b;

    private static Func<T, T, T> FloatStep<T>(ScanKind kind) where T : IFloatingPointIeee754<T>
        => kind == ScanKind.LogSumExp ? LogAddExp : NumberStep<T>(kind);

    /// <summary>
    /// log(eᵃ + eᵇ) = max(a, b) + log(1 + e^−|a−b|) (GBC §4.1): the exponent is never positive, so nothing overflows.
    /// Equal arguments give a + log 2 directly, so two infinities never meet as ∞ − ∞.
    /// </summary>
    private static T LogAddExp<T>(T a, T b) where T : IFloatingPointIeee754<T>
        => a == b ? a + T.Log(T.One + T.One) : T.Max(a, b) + T.Log(T.One + T.Exp(-T.Abs(a - b)));

    private static void CumProdGrad<T>(Tensor dx, Tensor x, Tensor g, int outer, int length, int inner) where T : unmanaged, INumber<T>
    {
        T[] input = x.Data<T>(), grad = g.Data<T>(), output = dx.Data<T>();
        foreach (var line in Line.All(outer, length, inner))
            for (int k = 0; k < length; k++)
            {
                T product = T.One;   // ∏_{i<k} x_i, then ∏_{i≤j, i≠k} x_i for j = k, k+1, …
                for (int i = 0; i < k; i++) product *= input[x.offset + line[i]];
                T sum = T.Zero;
                for (int j = k; j < length; j++)
                {
                    if (j > k) product *= input[x.offset + line[j]];
                    sum += grad[g.offset + line[j]] * product;
                }
                output[dx.offset + line[k]] = sum;
            }
    }
}
