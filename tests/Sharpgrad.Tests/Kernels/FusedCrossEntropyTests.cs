using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.Kernels;

/// <summary>
/// The fused softmax cross-entropy (Backends/Cpu/Kernels/CrossEntropyKernels.cs, taken when there are no class weights and no label
/// smoothing) against the composite NLL(LogSoftmax(z)) that CrossEntropy computed before, bit for bit, and against a
/// plain reference: every reduction, ignored labels, odd numbers of rows and classes, float32 and float64, strided and
/// higher-rank logits. Also finite differences (the fused backward, and the composite backward that runs under
/// createGraph) and thread-count independence.
/// </summary>
public class FusedCrossEntropyTests
{
    private static readonly int[] RowCounts = [1, 7, 17, 33, 65, 129];
    private static readonly int[] ClassCounts = [1, 3, 10, 17];

    /// <summary>The composite formulation, as CrossEntropy used to compute it: rows [M, C], NLL of LogSoftmax, folded back.</summary>
    private static Tensor Composite(Tensor logits, Tensor labels, Reduction reduction, long ignoreIndex)
    {
        int classes = logits.Rank == 1 ? logits.Size(0) : logits.Size(1);
        var rows = logits.Rank switch
        {
            1 => logits.Unsqueeze(0),
            2 => logits,
            _ => logits.Permute([0, .. Enumerable.Range(2, logits.Rank - 2), 1]).Reshape(-1, classes),
        };
        var loss = Losses.NLL(rows.LogSoftmax(1), labels.Reshape(-1), reduction: reduction, ignoreIndex: ignoreIndex);
        return reduction == Reduction.None ? loss.Reshape(labels.Shape) : loss;
    }

    /// <summary>Labels in [0, C), every third one replaced by <paramref name="ignoreIndex"/> when <paramref name="ignoreSome"/>.</summary>
    private static Tensor Labels(int[] shape, int classes, bool ignoreSome, long ignoreIndex, int seed)
    {
        var labels = Tensor.RandInt(0, classes, shape, new Generator(seed)).ToArray<long>();
        if (ignoreSome)
            for (int i = 0; i < labels.Length; i += 3) labels[i] = ignoreIndex;
        return Tensor.FromArray(labels, shape);
    }

    private static (Tensor Loss, Tensor Grad) LossAndGradient(Func<Tensor, Tensor> loss, Tensor input)
    {
        var x = input.Detach().RequireGrad();
        var l = loss(x);
        var u = Tensor.Randn(l.Shape, DType.Float64, new Generator(5)).To(l.DType);
        return (l.Detach(), Autograd.Grad([l], [x], [u])[0]);
    }

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void EqualsTheCompositeBitForBit(Reduction reduction)
    {
        int seed = 0;
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            foreach (var rows in RowCounts)
                foreach (var classes in ClassCounts)
                    foreach (var (ignoreSome, ignoreIndex) in new[] { (false, -100L), (true, -100L), (true, 0L) })
                    {
                        seed++;
                        var logits = (Tensor.Randn([rows, classes], DType.Float64, new Generator(seed)) * 3).To(dtype);
                        var labels = Labels([rows], classes, ignoreSome, ignoreIndex, seed);
                        string what = $"{dtype.Name()} [{rows}, {classes}] ignore {(ignoreSome ? ignoreIndex.ToString() : "none")} {reduction}";
                        Same(what, logits, labels, reduction, ignoreIndex);
                    }
    }

    [Fact]
    public void StridedHigherRankAndSingleExampleInputsEqualTheComposite()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            foreach (var reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.None })
            {
                var transposed = Tensor.Randn([17, 33], DType.Float64, new Generator(1)).To(dtype).T;   // [33, 17], strided
                Same("transposed", transposed, Labels([33], 17, true, -100, 2), reduction, -100);
                var image = Tensor.Randn([3, 5, 4, 7], DType.Float64, new Generator(3)).To(dtype);       // [N, C, H, W]
                Same("[3, 5, 4, 7]", image, Labels([3, 4, 7], 5, true, -100, 4), reduction, -100);
                var single = Tensor.Randn([7], DType.Float64, new Generator(5)).To(dtype);                // [C], scalar label
                Same("[7]", single, Tensor.Scalar(4, DType.Int64), reduction, -100);
            }
    }

    private static void Same(string what, Tensor logits, Tensor labels, Reduction reduction, long ignoreIndex)
    {
        var (loss, grad) = LossAndGradient(x => Losses.CrossEntropy(x, labels, reduction: reduction, ignoreIndex: ignoreIndex), logits);
        var (lossOld, gradOld) = LossAndGradient(x => Composite(x, labels, reduction, ignoreIndex), logits);
        try
        {
            BitwiseEqual(lossOld, loss);
            BitwiseEqual(gradOld, grad);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{what}: {e.Message}");
        }
    }

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void MatchesThePlainReference(Reduction reduction)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            foreach (var rows in RowCounts)
                foreach (var classes in ClassCounts)
                {
                    var logits = (Tensor.Randn([rows, classes], DType.Float64, new Generator(rows * 31 + classes)) * 3).To(dtype);
                    var labels = Labels([rows], classes, ignoreSome: rows > 1, -100, rows + classes);
                    var (loss, grad) = LossAndGradient(x => Losses.CrossEntropy(x, labels, reduction: reduction), logits);
                    var u = Tensor.Randn(loss.Shape, DType.Float64, new Generator(5)).To(dtype).ToDoubleArray();
                    var (expectedLoss, expectedGrad) = Reference(logits.ToDoubleArray(), labels.ToArray<long>(), classes, reduction, u);
                    double tol = dtype == DType.Float32 ? 1e-5 : 1e-12;
                    Close(expectedLoss, loss, tol * (1 + expectedLoss.Max(Math.Abs)));
                    Close(expectedGrad, grad, tol);
                }
    }

    /// <summary>ℓᵢ = log Σ_c e^(z_ic) − z_iyᵢ and ∂/∂z_ic = (softmax_c − [c = yᵢ])·wᵢ, with wᵢ from the reduction and u.</summary>
    private static (double[] Loss, double[] Grad) Reference(double[] z, long[] labels, int classes, Reduction reduction, double[] u)
    {
        int rows = labels.Length;
        var perRow = new double[rows];
        var grad = new double[z.Length];
        int counted = labels.Count(y => y != -100);
        for (int i = 0; i < rows; i++)
        {
            if (labels[i] == -100) continue;
            double max = double.NegativeInfinity, sum = 0;
            for (int c = 0; c < classes; c++) max = Math.Max(max, z[i * classes + c]);
            for (int c = 0; c < classes; c++) sum += Math.Exp(z[i * classes + c] - max);
            perRow[i] = max + Math.Log(sum) - z[i * classes + labels[i]];
            double weight = reduction switch { Reduction.None => u[i], Reduction.Sum => u[0], _ => u[0] / counted };
            for (int c = 0; c < classes; c++)
                grad[i * classes + c] = (Math.Exp(z[i * classes + c] - max) / sum - (c == labels[i] ? 1 : 0)) * weight;
        }
        double[] loss = reduction switch
        {
            Reduction.None => perRow,
            Reduction.Sum => [perRow.Sum()],
            _ => [perRow.Sum() / counted],
        };
        return (loss, grad);
    }

    [Fact]
    public void MeanOverNoCountedRowsIsNaN()
    {
        var labels = Tensor.From(new long[] { -100, -100 });
        Assert.True(double.IsNaN(Losses.CrossEntropy(Tensor.Randn([2, 3], DType.Float64, new Generator(1)), labels).Item()));
        Assert.Equal(0, Losses.CrossEntropy(Tensor.Randn([2, 3], DType.Float64, new Generator(1)), labels, reduction: Reduction.Sum).Item());
    }

    [Fact]
    public void LabelErrorsAreUnchanged()
    {
        var logits = Tensor.Zeros([2, 3]);
        Assert.Contains("label 3 is out of range for 3 classes; labels must be in [0, 3) (or equal ignoreIndex -100)",
            Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(logits, Tensor.From(new long[] { 0, 3 }))).Message);
        Assert.Contains("label -1 is out of range",
            Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(logits, Tensor.From(new long[] { -1, -100 }))).Message);
    }

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void GradCheckFirstAndSecondOrder(Reduction reduction)
    {
        var labels = Tensor.From(new long[] { 2, -100, 0, 4 });
        var logits = Tensor.Randn([4, 5], DType.Float64, new Generator(9)).RequireGrad();
        GradCheck.Run(t => Losses.CrossEntropy(t[0], labels, reduction: reduction), [logits]).ThrowIfFailed();
        GradCheck.RunSecondOrder(t => Losses.CrossEntropy(t[0], labels, reduction: reduction), [logits]).ThrowIfFailed();
    }

    [Fact]
    public void SameBitsOnOneOrTwoThreads()
    {
        // 257 × 300 logits: several row chunks forward, and two flat chunks for the backward's exp.
        var logits = Tensor.Randn([257, 300], DType.Float32, new Generator(3)) * 4;
        var labels = Labels([257], 300, true, -100, 7);
        var ((lossOne, gradOne), (lossTwo, gradTwo)) = ThreadCounts.OneAndTwo(() => LossAndGradient(x => Losses.CrossEntropy(x, labels), logits));
        BitwiseEqual(lossOne, lossTwo);
        BitwiseEqual(gradOne, gradTwo);
    }
}
