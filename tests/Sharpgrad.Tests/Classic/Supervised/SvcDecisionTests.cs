using Sharpgrad.Classic;

namespace Sharpgrad.Tests.Classic.Supervised;

/// <summary>
/// SVC's decision values (fixC2): the blocked GEMM path that large predicts take agrees with the per-point host rows,
/// and DecisionFunction still carries gradients to inputs that require them (the RBF expansion's closed-form gradient).
/// </summary>
public class SvcDecisionTests
{
    [Theory]
    [InlineData(SvmKernel.Rbf)]
    [InlineData(SvmKernel.Polynomial)]
    [InlineData(SvmKernel.Linear)]
    public void GemmBlocksGiveTheHostRowsValuesAndVotes(SvmKernel kernel)
    {
        const int support = 301, width = 5, problems = 3, points = 2 * SvcDecision.BlockRows + 37; // a partial last block
        var gen = new Generator(11);
        var rows = KernelRows.Of(kernel, Tensor.Randn([support, width], DType.Float64, gen), 0.3, 3, 0.5);
        // αy per problem, with about a third zero (a vector outside a pair), as one-vs-one models have.
        var coefficients = (Tensor.Randn([support, problems], DType.Float64, gen) * Tensor.Rand([support, problems], DType.Float64, gen).Gt(0.33).Double()).ToDoubleArray();
        var decision = new SvcDecision(rows, coefficients, [0.1, -0.2, 0.3]);
        var x = Tensor.Randn([points, width], DType.Float64, gen);

        var byRows = decision.Values(x, byGemm: false);
        var byGemm = decision.Values(x, byGemm: true);
        double scale = byRows.Max(Math.Abs);
        for (int k = 0; k < byRows.Length; k++) Assert.True(Math.Abs(byRows[k] - byGemm[k]) <= 1e-12 * Math.Max(1, scale), $"entry {k}: {byRows[k]} vs {byGemm[k]}");
        Assert.Equal(OneVsOneVoting.Winners(byRows, points, 3), OneVsOneVoting.Winners(byGemm, points, 3));
    }

    [Fact]
    public void DecisionFunctionCarriesTheRbfExpansionGradientToX()
    {
        // f(x) = Σₜ cₜ exp(−γ‖x − sₜ‖²) + b, so ∂f/∂x = Σₜ cₜ k(sₜ, x) · (−2γ)(x − sₜ) (GBC §5.7.2's expansion).
        const double gamma = 0.5;
        var gen = new Generator(3);
        var train = Tensor.Randn([40, 2], DType.Float64, gen);
        var labels = train[.., 0].Gt(0).Long();
        var svm = new SVC(SvmKernel.Rbf, gamma: gamma);
        svm.Fit(train, labels);
        var x = Tensor.Randn([6, 2], DType.Float64, gen);
        x.RequiresGrad = true;

        svm.DecisionFunction(x).Sum().Backward();

        var s = svm.SupportVectors.ToDoubleArray();
        var c = svm.DualCoefficients.ToDoubleArray();
        var points = x.Detach().ToDoubleArray();
        var grad = x.Grad!.ToDoubleArray();
        for (int i = 0; i < 6; i++)
            for (int d = 0; d < 2; d++)
            {
                double expected = 0;
                for (int t = 0; t < c.Length; t++)
                {
                    double dx = points[i * 2] - s[t * 2], dy = points[i * 2 + 1] - s[t * 2 + 1];
                    expected += c[t] * Math.Exp(-gamma * (dx * dx + dy * dy)) * -2 * gamma * (points[i * 2 + d] - s[t * 2 + d]);
                }
                Assert.Equal(expected, grad[i * 2 + d], 10);
            }
        Assert.Contains(grad, g => Math.Abs(g) > 1e-3);   // a gradient that is not trivially zero
    }
}
