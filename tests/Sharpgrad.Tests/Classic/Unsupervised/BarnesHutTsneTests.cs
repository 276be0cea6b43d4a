using Sharpgrad.Classic;
using Sharpgrad.Data;

namespace Sharpgrad.Tests.Classic.Unsupervised;

/// <summary>
/// Barnes–Hut t-SNE (issue #21): the tree's repulsion against the brute-force sums, the gradient at θ = 0 against the
/// exact formula written out here, the sparse P against the dense one when every point is a neighbour, and the fit.
/// </summary>
public class BarnesHutTsneTests
{
    private static double[] RandomPoints(int n, int d, int seed) =>
        Tensor.Randn([n, d], DType.Float64, new Generator(seed)).ToDoubleArray();

    // Σⱼ≠ᵢ (1 + ‖yᵢ − yⱼ‖²)⁻² (yᵢ − yⱼ) and Σⱼ≠ᵢ (1 + ‖yᵢ − yⱼ‖²)⁻¹, term by term.
    private static (double[] Force, double Z) BruteForceRepulsion(double[] y, int n, int d, int i)
    {
        var force = new double[d];
        double z = 0;
        for (int j = 0; j < n; j++)
        {
            if (j == i) continue;
            double r2 = 0;
            for (int k = 0; k < d; k++) r2 += (y[i * d + k] - y[j * d + k]) * (y[i * d + k] - y[j * d + k]);
            double q = 1 / (1 + r2);
            z += q;
            for (int k = 0; k < d; k++) force[k] += q * q * (y[i * d + k] - y[j * d + k]);
        }
        return (force, z);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void TreeRepulsionAtThetaZeroIsTheBruteForceSum(int d)
    {
        int n = 40;
        var y = RandomPoints(n, d, 3);
        Array.Copy(y, 0, y, 5 * d, d);        // point 5 coincides with point 0: a leaf holding two points
        var tree = new SpaceTree(y, d);
        Assert.True(tree.CellCount > n / 2, $"{tree.CellCount} cells for {n} points: the tree did not split");
        for (int i = 0; i < n; i++)
        {
            var force = new double[d];
            double z = tree.Repulsion(i, 0, force, new Stack<int>());
            var (expected, expectedZ) = BruteForceRepulsion(y, n, d, i);
            Assert.Equal(expectedZ, z, 1e-12);
            for (int k = 0; k < d; k++) Assert.Equal(expected[k], force[k], 1e-12);
        }
    }

    [Fact]
    public void TreeRepulsionAtThetaHalfIsCloseAndCheaper()
    {
        int n = 400, d = 2;
        var y = RandomPoints(n, d, 4);
        var tree = new SpaceTree(y, d);
        double worst = 0;
        for (int i = 0; i < n; i++)
        {
            var force = new double[d];
            double z = tree.Repulsion(i, 0.5, force, new Stack<int>());
            var (expected, expectedZ) = BruteForceRepulsion(y, n, d, i);
            worst = Math.Max(worst, Math.Abs(z - expectedZ) / expectedZ);
        }
        // θ = 0.5 summarises cells at least twice as far as they are wide: each point's Z is off by a few per cent at most.
        Assert.True(worst is > 0 and < 0.03, $"largest relative error of Z {worst}");
    }

    [Fact]
    public void SparseAffinitiesWithEveryPointANeighbourAreTheDenseJointProbabilities()
    {
        // perplexity 5 → k = ⌊15⌋ + 1 = 16 = N − 1 neighbours: the sparse P must be the dense P (up to its 1e-12 floor).
        var x = Tensor.Randn([17, 4], DType.Float64, new Generator(5));
        var sparse = SparseAffinities.Of(x, perplexity: 5);
        var dense = TSNE.JointProbabilities(PairwiseDistances.SquaredEuclidean(x, x), 5).ToDoubleArray();
        Assert.Equal(17 * 16, sparse.Columns.Length);
        for (int i = 0; i < 17; i++)
            for (int e = sparse.RowStart[i]; e < sparse.RowStart[i + 1]; e++)
                Assert.Equal(dense[i * 17 + sparse.Columns[e]], sparse.Values[e], 1e-9);
        Assert.Equal(1.0, sparse.Values.Sum(), 12);
    }

    [Fact]
    public void SparseAffinitiesAreSymmetricOverTheUnionOfNeighbourLists()
    {
        var x = Tensor.Randn([60, 3], DType.Float64, new Generator(6));
        var p = SparseAffinities.Of(x, perplexity: 3);           // k = 10 of 59
        var entries = new Dictionary<(int, int), double>();
        for (int i = 0; i < 60; i++)
            for (int e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
                entries[(i, p.Columns[e])] = p.Values[e];
        Assert.InRange(entries.Count, 60 * 10, 2 * 60 * 10);
        foreach (var ((i, j), v) in entries) Assert.Equal(v, entries[(j, i)]);
        Assert.DoesNotContain(entries.Keys, key => key.Item1 == key.Item2);
        Assert.Equal(1.0, entries.Values.Sum(), 12);
    }

    [Fact]
    public void GradientAtThetaZeroIsTheExactGradientOfTheSameP()
    {
        int n = 30, d = 2;
        var x = Tensor.Randn([n, 5], DType.Float64, new Generator(7));
        var p = SparseAffinities.Of(x, perplexity: 4);
        var dense = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int e = p.RowStart[i]; e < p.RowStart[i + 1]; e++) dense[i, p.Columns[e]] = p.Values[e];
        var y = RandomPoints(n, d, 8);
        var gradient = BarnesHutGradient.Compute(p, y, d, theta: 0, exaggeration: 12);
        // ∂C/∂yᵢ = 4 Σⱼ (12·pᵢⱼ − qᵢⱼ)(1 + ‖yᵢ − yⱼ‖²)⁻¹ (yᵢ − yⱼ), with qᵢⱼ normalised over all pairs.
        double z = Enumerable.Range(0, n).Sum(i => BruteForceRepulsion(y, n, d, i).Z);
        for (int i = 0; i < n; i++)
            for (int k = 0; k < d; k++)
            {
                double expected = 0;
                for (int j = 0; j < n; j++)
                {
                    if (j == i) continue;
                    double kernel = 1 / (1 + Math.Pow(y[i * d] - y[j * d], 2) + Math.Pow(y[i * d + 1] - y[j * d + 1], 2));
                    expected += 4 * (12 * dense[i, j] - kernel / z) * kernel * (y[i * d + k] - y[j * d + k]);
                }
                Assert.Equal(expected, gradient[i * d + k], 1e-12);
            }
    }

    [Fact]
    public void BarnesHutEmbeddingOfDigitsSeparatesTheClasses()
    {
        // 200 digits, perplexity 10, 700 iterations: the exact method reaches 1-NN accuracy 0.925 and KL 0.463 here.
        var digits = Datasets.Digits();
        var subset = Tensor.FromArray(new Generator(0).Permutation(digits.Count)[..200].Select(i => (long)i).ToArray());
        var x = digits.Inputs.IndexSelect(0, subset);
        var labels = digits.Targets.IndexSelect(0, subset);
        var tsne = new TSNE(perplexity: 10, maxIter: 700, seed: 0, method: TsneMethod.BarnesHut);
        var embedding = tsne.FitTransform(x);
        var distances = PairwiseDistances.SquaredEuclidean(embedding, embedding) + Tensor.Eye(200, dtype: DType.Float64) * 1e300;
        double accuracy = labels.IndexSelect(0, distances.ArgMin(1)).Eq(labels).Double().Mean().Item();
        Assert.True(accuracy >= 0.9, $"1-NN accuracy in the embedding {accuracy}");
        Assert.True(tsne.KlDivergence is > 0.3 and < 0.6, $"KL {tsne.KlDivergence}");
    }

    [Fact]
    public void BarnesHutFitIsBitwiseTheSameAtOneAndTwoThreads()
    {
        var x = Tensor.Randn([150, 6], DType.Float64, new Generator(9));
        double[] Fit(int threads)
        {
            using var _ = Threads.Use(threads);
            return new TSNE(perplexity: 5, maxIter: 60, seed: 0, method: TsneMethod.BarnesHut).FitTransform(x).ToDoubleArray();
        }
        Assert.Equal(Fit(1), Fit(2));
    }

    [Fact]
    public void BarnesHutRefusesMoreThanThreeComponents()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TSNE(nComponents: 4, method: TsneMethod.BarnesHut));
        Assert.Contains("Barnes–Hut", error.Message);
    }
}
