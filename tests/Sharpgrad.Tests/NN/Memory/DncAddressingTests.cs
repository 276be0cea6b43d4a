using Sharpgrad.NN.Memory;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Memory;

/// <summary>The DNC's allocation, usage and temporal linkage on hand-computed vectors (Graves et al. 2016, Methods).</summary>
public class DncAddressingTests
{
    private static Tensor Row(params double[] values) => Tensor.From(values).View(1, values.Length);

    [Fact]
    public void AllocationFollowsTheFreeListOfAscendingUsage()
    {
        // u = [0.4, 0.2, 0.9, 0.5] → φ = [1, 0, 3, 2]; a[1] = 0.8, a[0] = 0.6·0.2 = 0.12, a[3] = 0.5·0.2·0.4 = 0.04,
        // a[2] = 0.1·0.2·0.4·0.5 = 0.004; Σa = 1 − ∏u = 0.964.
        var allocation = DynamicAllocation.Allocation(Row(0.4, 0.2, 0.9, 0.5));
        Close([0.12, 0.8, 0.004, 0.04], allocation.Flatten(), tol: 1e-15);
        Assert.Equal(0.964, allocation.Sum().Item(), 12);
    }

    [Fact]
    public void AllocationPutsTiesInIndexOrderAndFillsAFreeCellFirst()
    {
        Close([0.5, 0.25], DynamicAllocation.Allocation(Row(0.5, 0.5)).Flatten());
        // A free cell takes everything: a = 1 − 0 there, and every later factor ∏ u contains u = 0.
        Close([0, 0, 1, 0], DynamicAllocation.Allocation(Row(1, 0.3, 0, 0.7)).Flatten());
        // Each row of a batch is sorted on its own.
        Close([0.9, 0.01, 0.01, 0.9], DynamicAllocation.Allocation(Tensor.From(new double[,] { { 0.1, 0.9 }, { 0.9, 0.1 } })).Flatten(), tol: 1e-15);
    }

    [Fact]
    public void AllocationGradientTreatsTheSortAsAConstantPermutation()
    {
        // With φ fixed, a[φ_1] = (1 − u_b)·u_a for u = [u_a, u_b] = [0.2, 0.6]: ∂/∂u_a = 1 − u_b = 0.4, ∂/∂u_b = −u_a = −0.2.
        var u = Row(0.2, 0.6).RequireGrad();
        DynamicAllocation.Allocation(u).Select(1, 1).Sum().Backward();
        Close([0.4, -0.2], u.Grad!.Flatten(), tol: 1e-15);
    }

    [Fact]
    public void RetentionAndUsageFollowThePapersFormulas()
    {
        // Two read heads with free gates 0.5 and 1: ψ = (1 − 0.5·w¹)(1 − w²).
        var reads = Tensor.From(new double[] { 1, 0, 0, 0, 0.5, 0.5 }).View(1, 2, 3);
        var retention = DynamicAllocation.Retention(Row(0.5, 1), reads);
        Close([0.5, 0.5, 0.5], retention.Flatten());
        // u = (u + w − u∘w)∘ψ with u = [0.2, 0, 1], w = [0.5, 1, 0].
        Close([0.3, 0.5, 0.5], DynamicAllocation.Usage(Row(0.2, 0, 1), Row(0.5, 1, 0), retention).Flatten());
    }

    [Fact]
    public void TheWriteWeightingMixesAllocationAndContent()
    {
        // g^w (g^a a + (1 − g^a) c) with g^w = 0.5, g^a = 0.25.
        var w = DynamicAllocation.WriteWeighting(Row(1, 0), Row(0.2, 0.8), Row(0.25), Row(0.5));
        Close([0.5 * (0.25 + 0.75 * 0.2), 0.5 * 0.75 * 0.8], w.Flatten());
    }

    [Fact]
    public void LinksRecordTheOrderOfWritesAndReadHeadsFollowThem()
    {
        // Write cell 0, then cell 1: after the second write L[1, 0] = w[1]·p[0] = 1 and nothing else.
        var link = Tensor.Zeros([1, 2, 2], DType.Float64);
        var precedence = Tensor.Zeros([1, 2], DType.Float64);
        foreach (var w in new[] { Row(1, 0), Row(0, 1) })
        {
            link = TemporalLinkage.Link(link, w, precedence);
            precedence = TemporalLinkage.Precedence(precedence, w);
        }
        Close([0, 0, 1, 0], link.Flatten());
        Close([0, 1], precedence.Flatten());
        // Forward from cell 0 reaches cell 1 (f = L w); backward from cell 1 returns to cell 0 (b = Lᵀ w).
        Close([0, 1], TemporalLinkage.Forward(link, Tensor.From(new double[] { 1, 0 }).View(1, 1, 2)).Flatten());
        Close([1, 0], TemporalLinkage.Backward(link, Tensor.From(new double[] { 0, 1 }).View(1, 1, 2)).Flatten());
    }

    [Fact]
    public void ThePairwiseFactorIsOneMinusWiMinusWj()
    {
        // One step from L = all 0.5 (off the diagonal), p = 0, w = [0.1, 0.2, 0.3]: L[i, j] = 0.5(1 − w_i − w_j).
        var previous = Tensor.Full([1, 3, 3], 0.5, DType.Float64);
        var link = TemporalLinkage.Link(previous, Row(0.1, 0.2, 0.3), Tensor.Zeros([1, 3], DType.Float64));
        Close([0, 0.35, 0.3, 0.35, 0, 0.25, 0.3, 0.25, 0], link.Flatten(), tol: 1e-15);
    }

    [Fact]
    public void TheLinkMatrixKeepsAZeroDiagonalAndRowAndColumnSumsAtMostOne()
    {
        var g = new Generator(14);
        int n = 6;
        var link = Tensor.Zeros([2, n, n], DType.Float64);
        var precedence = Tensor.Zeros([2, n], DType.Float64);
        for (int t = 0; t < 20; t++)
        {
            // A write weighting sums to at most 1: a softmax times a gate in [0, 1].
            var w = (Tensor.Randn([2, n], DType.Float64, g) * 3.0).Softmax(-1) * Tensor.Rand([2, 1], DType.Float64, g);
            link = TemporalLinkage.Link(link, w, precedence);
            precedence = TemporalLinkage.Precedence(precedence, w);
            Assert.Equal(0, link.Diagonal(0, 1, 2).Abs().Max().Item());
            Assert.True(link.Min().Item() >= 0);
            Assert.True(link.Sum(1).Max().Item() <= 1 + 1e-12);
            Assert.True(link.Sum(2).Max().Item() <= 1 + 1e-12);
            Assert.True(precedence.Sum(1).Max().Item() <= 1 + 1e-12);
        }
        Assert.True(link.Max().Item() > 0.05, "the test should build real links");
    }

    [Fact]
    public void TheInterfaceVectorHasSizeRWPlus3WPlus5RPlus3AndItsPartsTheirRanges()
    {
        Assert.Equal(4 * 32 + 3 * 32 + 5 * 4 + 3, DNCInterface.Size(4, 32));
        var xi = DNCInterface.Split(Tensor.Randn([2, DNCInterface.Size(2, 3)], DType.Float64, new Generator(5)) * 3.0, 2, 3);
        Assert.True(xi.ReadStrengths.Min().Item() >= 1 && xi.WriteStrength.Min().Item() >= 1);
        Close(Tensor.Ones([2, 2], DType.Float64), xi.ReadModes.Sum(-1));
        Assert.Equal([2, 1, 3], xi.EraseVector.Shape);
        Assert.Equal(1 + Math.Log(2), DNCInterface.Oneplus(Tensor.Scalar(0, DType.Float64)).Item(), 15);
        var error = Assert.Throws<ArgumentException>(() => DNCInterface.Split(Tensor.Zeros([2, 27], DType.Float64), 2, 3));
        Assert.Contains("R·W + 3W + 5R + 3", error.Message);
        Assert.Contains("[batch, 28]", error.Message);
        Assert.Contains("[2, 27]", error.Message);
    }
}
