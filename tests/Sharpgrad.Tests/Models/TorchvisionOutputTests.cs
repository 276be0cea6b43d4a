using Sharpgrad.Models;
using Sharpgrad.NN;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.Models;

/// <summary>
/// Forward semantics against torchvision 0.14 (Fixtures/make_torchvision_outputs.py): the same architecture with every
/// state-dict entry set from the same closed formula gives the same eval-mode logits, in float64. This pins what the
/// key test cannot: strides (the bottleneck's 3×3 convolution, torchvision's v1.5), padding, pooling, where the ReLUs
/// and the shortcut sums are, DenseNet's concatenation order and its final ReLU and pooling.
/// </summary>
public sealed class TorchvisionOutputTests
{
    private static readonly Dictionary<string, Func<Module<Tensor, Tensor>>> Factories = new()
    {
        ["resnet18"] = () => ModelZoo.ResNet18(classes: 10),
        ["resnet50"] = () => ModelZoo.ResNet50(classes: 10),
        ["densenet121"] = () => ModelZoo.DenseNet121(classes: 10),
    };

    public static TheoryData<string> Names => [.. Factories.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void FormulaWeightsGiveTorchvisionsLogits(string name)
    {
        var model = Factories[name]().To(DType.Float64).Eval();
        SetFormulaWeights(model);
        var input = Sin(0.3, 0, [2, 3, 32, 32]);
        var expected = Fixture.Tensor(Fixture.Load("torchvision_outputs.json").GetProperty(name));

        var logits = model.Forward(input);

        Assert.Equal(expected.Shape, logits.Shape);
        double scale = expected.ToArray<double>().Max(Math.Abs);
        var difference = (logits - expected).Abs().Max().Item<double>();
        Assert.True(difference <= 1e-9 * scale, $"{name}: max |Δ| = {difference:G3} for logits up to {scale:G3}.");
    }

    /// <summary>The script's formula: entry k of the state dict, element i (row-major), s = sin(0.7 i + k).</summary>
    private static void SetFormulaWeights(Module model)
    {
        using var noGrad = Autograd.NoGrad();
        int k = 0;
        foreach (var (key, tensor) in model.StateDict())
        {
            var s = Sin(0.7, k++, tensor.Shape);
            if (key.EndsWith("num_batches_tracked", StringComparison.Ordinal)) continue;
            tensor.CopyFrom(
                key.EndsWith("running_var", StringComparison.Ordinal) ? 1 + 0.5 * s
                : key.EndsWith("running_mean", StringComparison.Ordinal) || key.EndsWith("bias", StringComparison.Ordinal) ? 0.1 * s
                : tensor.Rank >= 2 ? s * Math.Sqrt(0.5 / (tensor.Count / tensor.Shape[0]))
                : 1 + 0.1 * s);
        }
    }

    /// <summary>sin(step·i + phase) for i = 0 … n − 1, in float64, shaped <paramref name="shape"/>.</summary>
    private static Tensor Sin(double step, double phase, int[] shape)
    {
        var data = new double[shape.Aggregate(1, (p, d) => p * d)];
        for (int i = 0; i < data.Length; i++) data[i] = Math.Sin(step * i + phase);
        return Tensor.FromArray(data, shape.Length == 0 ? [1] : shape).Reshape(shape);
    }
}
