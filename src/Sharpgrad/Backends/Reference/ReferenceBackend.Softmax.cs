using System.Numerics;

namespace Sharpgrad.Backends.Reference;

internal sealed partial class ReferenceBackend
{
    /// <summary>
    /// softmax(x)_r = exp(x_r − m) / Σ_s exp(x_s − m) with m = max_s x_s (GBC §4.1, eq. 4.1 and the remark after it):
    /// subtracting m leaves the value unchanged and keeps every exponent ≤ 0, so nothing overflows and the largest term
    /// is 1, so the sum cannot underflow to 0. log-softmax is (x_r − m) − log Σ_s exp(x_s − m), finite even where
    /// softmax rounds to 0. A line whose max is infinite is shifted by 0 instead (an all −∞ line would give −∞ − (−∞)).
    /// </summary>
    public override void Softmax(Tensor y, Tensor x, int outer, int length, int inner, bool log)
    {
        RequireOwn("Softmax", y, x);
        RequireSoftmaxLayout("Softmax", ("y", y), ("x", x));
        if (x.DType == DType.Float32) Softmax<float>(y, x, outer, length, inner, log);
        else Softmax<double>(y, x, outer, length, inner, log);
    }

    private static void Softmax<T>(Tensor y, Tensor x, int outer, int length, int inner, bool log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] input = x.Data<T>(), output = y.Data<T>();
        foreach (var line in Line.All(outer, length, inner))
        {
            T max = T.NegativeInfinity;
            for (int r = 0; r < length; r++) max = T.Max(max, input[x.offset + line[r]]);
            if (T.IsInfinity(max)) max = T.Zero;
            T sum = T.Zero;
            for (int r = 0; r < length; r++) sum += T.Exp(input[x.offset + line[r]] - max);
            for (int r = 0; r < length; r++)
            {
                T shifted = input[x.offset + line[r]] - max;
                output[y.offset + line[r]] = log ? shifted - T.Log(sum) : T.Exp(shifted) / sum;
            }
        }
    }

    /// <summary>gx = y ⊙ (g − ⟨g, y⟩) on each line (the softmax Jacobian diag(y) − yyᵀ applied to g), plain loops.</summary>
    public override void SoftmaxBackward(Tensor gx, Tensor y, Tensor g, int outer, int length, int inner)
    {
        RequireOwn("SoftmaxBackward", gx, y, g);
        RequireSoftmaxLayout("SoftmaxBackward", ("gx", gx), ("y", y), ("g", g));
        if (y.DType == DType.Float32) SoftmaxBackward<float>(gx, y, g, outer, length, inner);
        else SoftmaxBackward<double>(gx, y, g, outer, length, inner);
    }

    private static void SoftmaxBackward<T>(Tensor gx, Tensor y, Tensor g, int outer, int length, int inner) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] output = y.Data<T>(), grad = g.Data<T>(), result = gx.Data<T>();
        foreach (var line in Line.All(outer, length, inner))
        {
            T dot = T.Zero;
            for (int r = 0; r < length; r++) dot += grad[g.offset + line[r]] * output[y.offset + line[r]];
            for (int r = 0; r < length; r++)
                result[gx.offset + line[r]] = output[y.offset + line[r]] * (grad[g.offset + line[r]] - dot);
        }
    }
}
