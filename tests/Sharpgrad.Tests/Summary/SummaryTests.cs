using Sharpgrad.NN;

namespace Sharpgrad.Tests.Summary;

/// <summary>model.Summary: shapes, parameter counts (BOOKS.md §6, CLS Fig. 3.20's 2410 vs 2450) and FLOPs by hand.</summary>
public class SummaryTests
{
    /// <summary>CLS Fig. 3.20's CNN for 8×8 digits: conv 3×3×4 ("same") → pool → 64 → 32 → 10.</summary>
    private static Sequential SmallCnn() => new(
        new Conv2d(1, 4, 3, padding: "same"), new ReLU(), new MaxPool2d(2), new Flatten(),
        new Linear(64, 32), new ReLU(), new Linear(32, 10));

    [Fact]
    public void SmallCnnShapesAndParameterCounts()
    {
        var summary = SmallCnn().Summary([1, 1, 8, 8]);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6"], summary.Layers.Select(l => l.Name));
        Assert.Equal(["Conv2d", "ReLU", "MaxPool2d", "Flatten", "Linear", "ReLU", "Linear"], summary.Layers.Select(l => l.Type));
        Assert.Equal([1, 4, 8, 8], summary.Layers[0].OutputShape);
        Assert.Equal([1, 4, 4, 4], summary.Layers[2].OutputShape);
        Assert.Equal([1, 64], summary.Layers[3].OutputShape);
        Assert.Equal([1, 10], summary.OutputShape);
        // 4·(1·3·3) + 4 = 40, 64·32 + 32 = 2080, 32·10 + 10 = 330: 2450 in all, as the book counts.
        Assert.Equal([40L, 0, 0, 0, 2080, 0, 330], summary.Layers.Select(l => l.Parameters));
        Assert.Equal(2450, summary.TotalParameters);
        Assert.Equal(2450, summary.TrainableParameters);
        // The MLP it is compared with: 64·32 + 32 + 32·10 + 10 = 2410.
        Assert.Equal(2410, new Sequential(new Flatten(), new Linear(64, 32), new ReLU(), new Linear(32, 10)).Summary([1, 1, 8, 8]).TotalParameters);
    }

    [Fact]
    public void FlopsCountAMultiplyAddAsTwo()
    {
        var summary = SmallCnn().Summary([2, 1, 8, 8]);
        // Conv: 2 images · 4·8·8 outputs · (2·9 multiply-adds + 1 bias) = 2·256·19; ReLU 1 per element;
        // 2×2 max pool 4 taps per output; Linear 2·rows·in·out + rows·out.
        long[] expected = [2 * 256 * 19, 2 * 256, 2 * 64 * 4, 0, 2 * 2 * 64 * 32 + 2 * 32, 2 * 32, 2 * 2 * 32 * 10 + 2 * 10];
        Assert.Equal(expected, summary.Layers.Select(l => l.Flops!.Value));
        Assert.Equal(expected.Sum(), summary.TotalFlops);
        Assert.False(summary.HasUncountedLayers);
    }

    [Fact]
    public void TableListsEveryLayerAndTheTotals()
    {
        var text = SmallCnn().Summary([1, 1, 8, 8]).ToString();
        var lines = text.Split('\n');
        Assert.Equal("Model: \"Sequential\"", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("0 (Conv2d)") && l.Contains("[1, 4, 8, 8]") && l.Contains(" 40 ") && l.TrimEnd().EndsWith("4,864"));
        Assert.Contains(lines, l => l.StartsWith("4 (Linear)") && l.Contains("[1, 32]") && l.Contains("2,080"));
        Assert.Contains("Total params: 2,450", text);
        Assert.Contains("Trainable params: 2,450", text);
        Assert.Contains("Non-trainable params: 0", text);
        Assert.Contains("a multiply-add counts as 2 FLOPs", text);
    }

    [Fact]
    public void EveryModuleCallIsARowAndContainersSumTheirChildren()
    {
        var model = new Sequential(
            new Sequential(new Conv2d(3, 8, 3, bias: false), new BatchNorm2d(8)),
            new Residual(new Conv2d(8, 8, 3, padding: 1)),
            new GlobalAvgPool());
        var summary = model.Summary([1, 3, 6, 6]);
        Assert.Equal(["0", "0.0", "0.1", "1", "1.body", "2"], summary.Layers.Select(l => l.Name));
        Assert.Equal([0, 1, 1, 0, 1, 0], summary.Layers.Select(l => l.Depth));
        Assert.Equal(216, summary.Layers[1].Parameters);           // 8·3·3·3
        Assert.Equal(16, summary.Layers[2].Parameters);            // γ and β; running statistics are buffers
        Assert.Equal(8 * 8 * 9 + 8, summary.Layers[3].Parameters);
        // conv 3→8, 3×3, no bias, on 4×4 outputs: 8·16 outputs · 2·27; batch norm with affine 4 per element.
        long conv1 = 8 * 16 * 2 * 27, norm = 8 * 16 * 4, conv2 = 8 * 16 * (2 * 72 + 1), pool = 8 * 16;
        Assert.Equal(conv1 + norm, summary.Layers[0].Flops);
        Assert.Equal(conv2, summary.Layers[3].Flops);              // the residual sum itself is not counted
        Assert.Equal(conv1 + norm + conv2 + pool, summary.TotalFlops);
        Assert.False(summary.HasUncountedLayers);
        Assert.Equal([1, 8], summary.OutputShape);
        Assert.DoesNotContain("?", summary.ToString());
    }

    [Fact]
    public void ALeafWithNoCountingRuleIsUnknownAndSoIsItsContainer()
    {
        var model = new Sequential(new Sequential(new Linear(3, 3), new Doubler()), new Linear(3, 2));
        var summary = model.Summary([1, 3]);
        Assert.Null(summary.Layers.Single(l => l.Name == "0.1").Flops);
        Assert.Null(summary.Layers.Single(l => l.Name == "0").Flops);
        Assert.True(summary.HasUncountedLayers);
        Assert.Contains("?", summary.ToString());
        // The total still counts every layer that has a rule: Linear 3→3 and 3→2 on one row, 2·in·out + out each.
        Assert.Equal((2 * 9 + 3) + (2 * 6 + 2), summary.TotalFlops);
    }

    [Fact]
    public void SummaryLeavesModesAndStatisticsAlone()
    {
        var bn = new BatchNorm2d(2);
        var model = new Sequential(new Conv2d(1, 2, 1), bn, new Dropout(0.5));
        model.Eval();
        model[0].Train();
        model.Summary([4, 1, 3, 3]);
        Assert.False(model.IsTraining);
        Assert.True(model[0].IsTraining);
        Assert.False(bn.IsTraining);
        Assert.Equal(0, bn.NumBatchesTracked!.Item());
        Assert.Equal(new float[] { 0, 0 }, bn.RunningMean!.ToArray<float>());
    }

    [Fact]
    public void FrozenParametersAreNonTrainable()
    {
        var model = new Sequential(new Linear(3, 4), new Linear(4, 2));
        foreach (var p in model[0].Parameters()) p.RequiresGrad = false;
        var summary = model.Summary([1, 3]);
        Assert.Equal(26, summary.TotalParameters);
        Assert.Equal(10, summary.TrainableParameters);
        Assert.Equal(16, summary.NonTrainableParameters);
    }

    [Fact]
    public void AWrongInputShapeNamesTheLayer()
    {
        var error = Assert.Throws<ArgumentException>(() => SmallCnn().Summary([1, 1, 7, 7]));
        Assert.StartsWith("Summary: layer \"4\" (Linear) rejected its input of shape [1, 36]: Linear(64 → 32)", error.Message);
    }

    /// <summary>A user-defined layer the FLOP counter has no rule for.</summary>
    private sealed class Doubler : Module<Tensor, Tensor>
    {
        protected override Tensor ForwardCore(Tensor input) => input * 2;
    }

    /// <summary>x + f(x): a module with a child that is not a Sequential.</summary>
    private sealed class Residual : Module<Tensor, Tensor>
    {
        private readonly Module<Tensor, Tensor> body;

        public Residual(Module<Tensor, Tensor> body) => this.body = RegisterModule("body", body);

        protected override Tensor ForwardCore(Tensor input) => input + body.Forward(input);
    }
}
