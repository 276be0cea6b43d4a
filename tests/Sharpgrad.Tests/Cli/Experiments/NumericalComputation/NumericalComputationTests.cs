using Sharpgrad.Cli.Experiments;

namespace Sharpgrad.Tests.Cli.Experiments.NumericalComputation;

/// <summary>
/// The computations behind gd-quadratic, saddle and kl-asymmetry (GBC ch3–4), each against its closed form worked out
/// by hand in the comments, never against the code's own output.
/// </summary>
public sealed class NumericalComputationTests
{
    [Fact]
    public void GradientDescentOnTheQuadraticContractsEachCoordinateByOneMinusAlphaLambda()
    {
        // α = 1/3, λ = (1, 5): x₁ is multiplied by 2/3 and x₂ by 1 − 5/3 = −2/3 each step, from (−3, 2).
        var path = GdQuadratic.Descend(GdQuadratic.Alpha, 6);
        for (int k = 0; k <= 6; k++)
        {
            Assert.Equal(-3 * Math.Pow(2.0 / 3, k), path[k][0], 12);
            Assert.Equal(2 * Math.Pow(-2.0 / 3, k), path[k][1], 12);
        }
        // After one step: (−3 + 1, 2 − 10/3) = (−2, −4/3), the first zig of CLS Fig. 3.21.
        Assert.Equal(-2, path[1][0], 12);
        Assert.Equal(-4.0 / 3, path[1][1], 12);
    }

    [Theory]
    [InlineData(0.1, 0.9)]       // max(|1 − 0.1|, |1 − 0.5|)
    [InlineData(1.0 / 3, 2.0 / 3)] // the optimum 2/(λ₁ + λ₂): (κ − 1)/(κ + 1) with κ = 5
    [InlineData(0.45, 1.25)]     // |1 − 5·0.45| > 1: diverges
    public void TheMeasuredRateIsTheClosedForm(double alpha, double rate)
    {
        Assert.Equal(rate, GdQuadratic.ClosedFormRate(alpha), 12);
        Assert.Equal(rate, GdQuadratic.MeasuredRate(GdQuadratic.Descend(alpha, 20)), 9);
    }

    [Fact]
    public void NearTheSaddleGradientDescentEscapesAndNewtonLandsOnIt()
    {
        foreach (var run in SaddlePoint.Run(starts: 3, seed: 0))
        {
            var (x1, x2) = (run.Start[0], run.Start[1]);
            Assert.InRange(Math.Abs(x1), 0.5, 1);
            Assert.InRange(Math.Abs(x2), 0.01, 0.1);
            // GD with α = 0.1 on ∇f = (2x₁, −2x₂): x₁ ← 0.8x₁, x₂ ← 1.2x₂.
            for (int k = 0; k <= SaddlePoint.Steps; k++)
            {
                Assert.Equal(Math.Pow(0.8, k) * x1, run.GradientDescent[k][0], 12);
                Assert.Equal(Math.Pow(1.2, k) * x2, run.GradientDescent[k][1], 10);
            }
            // Newton: x − H⁻¹∇f = x − diag(½, −½)(2x₁, −2x₂) = 0, and it stays there (∇f = 0).
            Assert.All(run.Newton.Skip(1), p => { Assert.Equal(0, p[0], 12); Assert.Equal(0, p[1], 12); });
        }
    }

    [Fact]
    public void ForwardKlMatchesTheMomentsAndReverseKlLocksOntoTheNearerMode()
    {
        var result = KlAsymmetry.Run(reverseStarts: 2, seed: 0);
        // Forward: μ = E_p[x] = 0, σ² = Var_p[x] = 0.25 + 4.
        Assert.Equal(0, result.Forward.Mean, 4);
        Assert.Equal(Math.Sqrt(4.25), result.Forward.Sigma, 4);
        foreach (var fit in result.Reverse)
        {
            // Reverse: one component, N(±2, 0.5²); then p ≈ q/2 where q lives, so KL(q‖p) ≈ ln 2.
            Assert.Equal(2 * Math.Sign(fit.StartMean), fit.Mean, 2);
            Assert.Equal(0.5, fit.Sigma, 2);
            Assert.Equal(Math.Log(2), fit.ReverseKl, 3);
            Assert.True(fit.ForwardKl > 3 * result.Forward.ForwardKl, $"forward KL at the reverse fit {fit.ForwardKl} vs {result.Forward.ForwardKl}");
        }
    }
}
