using Sharpgrad.Generative;
using Sharpgrad.NN;

namespace Sharpgrad.Tests.Generative;

/// <summary>Ratio matching (GBC §18.4.1, eq. 18.26) on a small binary RBM.</summary>
public class RatioMatchingTests
{
    private static bool Bit(int state, int i) => ((state >> i) & 1) == 1;

    private static BernoulliRbm RandomRbm(int seed)
    {
        var rbm = new BernoulliRbm(5, 3, DType.Float64);
        var g = new Generator(seed);
        using (Autograd.NoGrad())
            foreach (var p in rbm.Parameters()) p.CopyFrom(Tensor.Randn(p.Shape, DType.Float64, g));
        return rbm;
    }

    [Fact]
    public void EqualsTheSquaredMissOfEachEnumeratedConditional()
    {
        // 1/(1 + p̃(x)/p̃(f(x, j))) = 1 − p(xⱼ | x₋ⱼ); the conditionals come from p̃ = e^{−F} over all 2⁵ states
        // (the free energy itself is checked against brute-force enumeration in RbmTests).
        var rbm = RandomRbm(61);
        var all = ExactPartitionFunction.AllBinaryStates(5, DType.Float64);
        var unnormalised = (-rbm.FreeEnergy(all)).Exp().ToArray<double>(); // row k holds the bits of k, most significant first
        int[] states = [0, 9, 22, 31];
        var rows = Tensor.From(states.SelectMany(s => Enumerable.Range(0, 5).Select(i => Bit(s, 4 - i) ? 1.0 : 0.0)).ToArray()).Reshape(states.Length, 5);
        double expected = states.Average(s => Enumerable.Range(0, 5).Sum(i =>
        {
            double miss = 1 - unnormalised[s] / (unnormalised[s] + unnormalised[s ^ (1 << i)]);
            return miss * miss;
        }));
        Assert.Equal(expected, RatioMatching.Loss(rbm, rows).Item(), 12);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        // The loss as a function of the RBM's parameters W, b, c, with log p̃(v) = bᵀv + Σⱼ ζ(cⱼ + Wⱼ·v) (float64).
        var g = new Generator(62);
        var data = Tensor.Rand([6, 5], DType.Float64, g).Lt(0.5).Double();
        Tensor[] parameters = [Tensor.Randn([3, 5], DType.Float64, g).RequireGrad(), Tensor.Randn([5], DType.Float64, g).RequireGrad(), Tensor.Randn([3], DType.Float64, g).RequireGrad()];
        var result = GradCheck.Run(p => RatioMatching.Loss(v => v.MatMul(p[1]) + Functional.Linear(v, p[0], p[2]).Softplus().Sum(1), data, 5), parameters);
        Assert.True(result.Passed, string.Join("; ", result.Failures));
        Assert.Equal(15 + 5 + 3, result.Comparisons);
    }

    [Fact]
    public void BadShapesAreNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => RatioMatching.Loss(RandomRbm(63), Tensor.Zeros([2, 4], DType.Float64)));
        Assert.Contains("RatioMatching", error.Message);
        Assert.Contains("[2, 4]", error.Message);
    }
}
