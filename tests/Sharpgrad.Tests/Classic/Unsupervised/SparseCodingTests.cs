using Sharpgrad.Classic;

namespace Sharpgrad.Tests.Classic.Unsupervised;

/// <summary>Sparse coding by ISTA and dictionary learning (GBC §13.4).</summary>
public class SparseCodingTests
{
    [Fact]
    public void IstaObjectiveDecreasesAndCodesAreSparse()
    {
        var generator = new Generator(3);
        var dictionary = Tensor.Randn([12, 8], DType.Float64, generator);
        // Each example uses 2 of the 12 atoms.
        var planted = Tensor.Randn([50, 12], DType.Float64, generator) * Tensor.Rand([50, 12], DType.Float64, generator).Lt(2.0 / 12).Double();
        var x = planted.MatMul(dictionary);
        var result = SparseCoding.Encode(x, dictionary, alpha: 0.5, maxIter: 300);
        var history = result.ObjectiveHistory;
        for (int t = 1; t < history.Count; t++)
            Assert.True(history[t] <= history[t - 1] + 1e-9, $"objective rose at step {t}: {history[t - 1]} → {history[t]}");
        Assert.True(history[^1] < 0.5 * history[0]);
        double zeros = result.Codes.Eq(0).Double().Mean().Item();
        Assert.True(zeros > 0.5, $"only {zeros:P0} of the codes are exactly zero");
    }

    [Fact]
    public void WithAnOrthonormalDictionaryTheCodeIsTheSoftThresholdedProjection()
    {
        // For orthonormal D the objective separates per coordinate, and the minimiser is soft(xDᵀ, α) (GBC §7.1.2).
        var q = Linalg.Qr(Tensor.Randn([6, 6], DType.Float64, new Generator(4))).Q;
        var x = Tensor.Randn([10, 6], DType.Float64, new Generator(5));
        var codes = SparseCoding.Encode(x, q.T, alpha: 0.4, maxIter: 50).Codes;
        var projection = x.MatMul(q);
        var expected = projection.Sign() * (projection.Abs() - 0.4).Clamp(0, null);
        Assert.True(codes.AllClose(expected, 0, 1e-10));
    }

    [Fact]
    public void DictionaryLearningReconstructsWithSparseCodes()
    {
        var generator = new Generator(6);
        var atoms = Tensor.Randn([5, 10], DType.Float64, generator);
        atoms = atoms / atoms.Norm(2, [1], keepdim: true);
        var planted = Tensor.Randn([200, 5], DType.Float64, generator) * Tensor.Rand([200, 5], DType.Float64, generator).Lt(0.3).Double();
        var x = planted.MatMul(atoms);
        var learner = new DictionaryLearning(5, alpha: 0.05, maxIter: 20, seed: 0);
        var codes = learner.FitTransform(x);
        Assert.True(learner.Components.Norm(2, [1]).Le(1 + 1e-12).All());
        double relativeError = ((codes.MatMul(learner.Components) - x).Norm() / x.Norm()).Item();
        Assert.True(relativeError < 0.25, $"relative reconstruction error {relativeError}");
        Assert.True(codes.Eq(0).Double().Mean().Item() > 0.3, "codes should be sparse");
        Assert.True(learner.ObjectiveHistory[^1] < learner.ObjectiveHistory[0]);
    }
}
