using Sharpgrad.Classic;
using Sharpgrad.Generative;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Experiments;

/// <summary>The largest principal angle between the decoder's column space and the PCA subspace, every few steps.</summary>
public sealed record LinearAutoencoderResult(int CodeSize, int[] Steps, double[] MaxAngleDegrees, double[] Mse, double PcaMse, double[] FinalAnglesDegrees);

/// <summary>
/// GBC §14.1 (Baldi &amp; Hornik 1989): an undercomplete autoencoder with a linear encoder and decoder trained on the mean
/// squared error learns the same subspace as PCA. Trained full-batch on the digits with L-BFGS and the strong-Wolfe line
/// search (20 iterations per recorded step; Adam gets there too but needs thousands of steps for the fourth direction);
/// the comparison is by principal angles θᵢ = arccos σᵢ(Q₁ᵀQ₂) between an orthonormal basis Q₁ of the decoder's columns
/// (from QR) and the top-k principal directions Q₂ (Björck &amp; Golub 1973). The autoencoder's basis need not be PCA's
/// (any invertible mixing of the code gives the same reconstruction), only its span.
/// </summary>
public static class LinearAutoencoder
{
    public const int CodeSize = 4, IterationsPerStep = 20;

    public static LinearAutoencoderResult Run(int steps = 20, long seed = 0)
    {
        var x = GenerativeData.Load(quick: true, seed: seed).Train;
        int d = x.Size(1);
        var g = new Generator(seed);
        var decoder = new Linear(CodeSize, d, dtype: DType.Float64, generator: g);
        var model = new Autoencoder(new Linear(d, CodeSize, dtype: DType.Float64, generator: g), decoder);
        var pca = new PCA(CodeSize);
        pca.Fit(x);
        var pcaBasis = pca.Components.T;                                                   // [d, k], orthonormal columns
        double pcaMse = (pca.InverseTransform(pca.Transform(x)) - x).Square().Mean().Item();

        var opt = new LBFGS(model.Parameters(), maxIter: IterationsPerStep, lineSearch: LineSearch.StrongWolfe);
        Tensor Closure()
        {
            opt.ZeroGrad();
            var loss = Losses.MSE(model.Forward(x), x);
            loss.Backward();
            return loss;
        }
        var angles = new List<double>();
        var mses = new List<double>();
        for (int step = 0; step <= steps; step++)
        {
            if (step > 0) opt.Step(Closure);
            using var _ = Autograd.NoGrad();
            angles.Add(PrincipalAnglesDegrees(decoder.Weight.Detach(), pcaBasis).Max());
            mses.Add(Losses.MSE(model.Forward(x), x).Item());
        }
        return new LinearAutoencoderResult(CodeSize, [.. Enumerable.Range(0, steps + 1)], [.. angles], [.. mses], pcaMse,
            PrincipalAnglesDegrees(decoder.Weight.Detach(), pcaBasis));
    }

    /// <summary>The principal angles, in degrees, between span(A) and span(B) for B with orthonormal columns.</summary>
    public static double[] PrincipalAnglesDegrees(Tensor a, Tensor orthonormalB)
    {
        var q = Linalg.Qr(a).Q;
        var cosines = Linalg.Svdvals(q.T.MatMul(orthonormalB)).ToArray<double>();
        return cosines.Select(c => Math.Acos(Math.Min(1, c)) * 180 / Math.PI).ToArray();
    }
}
