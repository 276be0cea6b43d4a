using System.Numerics;

namespace Sharpgrad.Backends.Reference;

// Layer normalisation written out as Ba et al. (2016, §3.1) state it, one row (one example's D features) at a time:
// μ = (1/D) Σ aᵢ, σ = √((1/D) Σ (aᵢ − μ)² + ε), then h = γ·(a − μ)/σ + β. The backward is the chain rule through μ and σ,
// which both depend on every feature of the row (as in batch norm's, Ioffe & Szegedy §3, over a row instead of a
// channel). Every sum is taken in float64 and each result rounded once to the tensor's dtype.
internal sealed partial class ReferenceBackend
{
    protected override void LayerNormForward<T>(Tensor y, Tensor mean, Tensor rstd, Tensor x, Tensor? weight, Tensor? bias, int features, double eps)
    {
        T[] xs = x.Data<T>(), ys = y.Data<T>();
        double[] mu = mean.Data<double>(), r = rstd.Data<double>();
        for (int row = 0; row < mean.Count; row++)
        {
            int start = x.offset + row * features;
            double sum = 0;
            for (int j = 0; j < features; j++) sum += double.CreateTruncating(xs[start + j]);
            double average = sum / features, squares = 0;
            for (int j = 0; j < features; j++)
                squares += (double.CreateTruncating(xs[start + j]) - average) * (double.CreateTruncating(xs[start + j]) - average);
            double inverse = 1 / Math.Sqrt(squares / features + eps);
            mu[mean.offset + row] = average;
            r[rstd.offset + row] = inverse;
            for (int j = 0; j < features; j++)
            {
                double value = (double.CreateTruncating(xs[start + j]) - average) * inverse * Feature(weight, j, 1);
                ys[y.offset + row * features + j] = T.CreateTruncating(bias is null ? value : value + Feature(bias, j, 0));
            }
        }
    }

    /// <summary>
    /// ∂L/∂β = Σ g and ∂L/∂γ = Σ g·x̂ over the rows; ∂L/∂x̂ = g·γ, and the paths through μ and σ add −mean(∂L/∂x̂) and
    /// −x̂·mean(∂L/∂x̂·x̂), all divided by σ.
    /// </summary>
    protected override void LayerNormBackward<T>(Tensor? gradInput, Tensor? gradWeight, Tensor? gradBias, Tensor g, Tensor x, Tensor mean,
        Tensor rstd, Tensor? weight, int features)
    {
        T[] xs = x.Data<T>(), gs = g.Data<T>();
        double[] mu = mean.Data<double>(), r = rstd.Data<double>();
        double[] dGamma = new double[features], dBeta = new double[features];
        for (int row = 0; row < mean.Count; row++)
        {
            int xStart = x.offset + row * features, gStart = g.offset + row * features;
            double average = mu[mean.offset + row], inverse = r[rstd.offset + row], sumG = 0, sumGXHat = 0;
            for (int j = 0; j < features; j++)
            {
                double gi = double.CreateTruncating(gs[gStart + j]), xHat = (double.CreateTruncating(xs[xStart + j]) - average) * inverse;
                dBeta[j] += gi;
                dGamma[j] += gi * xHat;
                sumG += gi * Feature(weight, j, 1);
                sumGXHat += gi * Feature(weight, j, 1) * xHat;
            }
            if (gradInput is null) continue;
            T[] dx = gradInput.Data<T>();
            for (int j = 0; j < features; j++)
            {
                double dXHat = double.CreateTruncating(gs[gStart + j]) * Feature(weight, j, 1);
                double xHat = (double.CreateTruncating(xs[xStart + j]) - average) * inverse;
                dx[gradInput.offset + row * features + j] = T.CreateTruncating(inverse * (dXHat - sumG / features - xHat * (sumGXHat / features)));
            }
        }
        if (gradWeight is not null) Store(gradWeight, dGamma);
        if (gradBias is not null) Store(gradBias, dBeta);
    }

    /// <summary>Feature j of a [D] tensor in float64, or <paramref name="absent"/> when there is none.</summary>
    private static double Feature(Tensor? t, int j, double absent) => t is null ? absent : t.DType == DType.Float32
        ? t.Data<float>()[t.offset + j]
        : t.Data<double>()[t.offset + j];

    /// <summary>Rounds float64 sums once into a contiguous tensor of dtype T.</summary>
    private static void Store(Tensor destination, double[] sums)
    {
        if (destination.DType == DType.Float32)
            for (int j = 0; j < sums.Length; j++) destination.Data<float>()[destination.offset + j] = (float)sums[j];
        else
            for (int j = 0; j < sums.Length; j++) destination.Data<double>()[destination.offset + j] = sums[j];
    }
}
