using Sharpgrad.NN;
using Sharpgrad.Quantized;

namespace Sharpgrad.Tests.Quantized;

/// <summary>
/// A quantised Linear and Conv2d against their float32 layers, within the analytic bound of the rounding. With input
/// steps sₓ, per-channel weight steps s_j and output step s_y, x̂ = x + δx (|δx| ≤ sₓ/2) and ŵ = w + δw (|δw| ≤ s_j/2),
/// so |Σ x̂ŵ − Σ xw| ≤ sₓ/2·Σ|w| + s_j/2·Σ|x| + K·sₓ·s_j/4, and the output's own rounding adds s_y/2 (clamping to the
/// calibrated range only moves a value towards the float one).
/// </summary>
public class QuantizedLayerTests
{
    [Fact]
    public void QuantisedLinearIsWithinTheRoundingBound()
    {
        var linear = new Linear(37, 11, generator: new Generator(1));
        var x = Tensor.Randn([6, 37], DType.Float32, new Generator(2));
        var (quantised, float32) = Run(new Sequential(linear), x);
        var (sx, sy) = (quantised.InputQuant.Scale, OutputScale(float32));
        var weight = new QuantizedWeight(linear.Weight, linear.Bias);
        var s = Tensor.From(weight.Scales);
        // Per (row i, channel j): sₓ/2·Σₗ|w_jl| + s_j/2·Σₗ|x_il| + K·sₓ·s_j/4 + s_y/2.
        var bound = linear.Weight.Detach().Abs().Sum(1) * (sx / 2)
                    + x.Abs().Sum(1, keepdim: true) * (s / 2)
                    + s * (37 * sx / 4) + sy / 2;
        AssertWithin(quantised.Forward(x), float32, bound);
    }

    [Fact]
    public void QuantisedConv2dWithReluIsWithinTheRoundingBound()
    {
        var conv = new Conv2d(3, 5, 3, padding: 1, stride: 2, generator: new Generator(3));
        var x = Tensor.Randn([2, 3, 9, 8], DType.Float32, new Generator(4));
        var (quantised, float32) = Run(new Sequential(conv, new ReLU()), x);
        Assert.Equal(["0+1 Conv2d+ReLU (int8)"], quantised.Steps);
        float sx = quantised.InputQuant.Scale, sy = OutputScale(float32);
        var s = Tensor.From(new QuantizedWeight(conv.Weight, conv.Bias).Scales).Reshape(1, 5, 1, 1);
        // Σ|x| over each receptive field is a convolution of |x| with ones; Σ|w_j| a sum over each filter. ReLU is 1-Lipschitz.
        var fieldSums = Functional.Conv2d(x.Abs(), Tensor.Ones(1, 3, 3, 3), stride: 2, padding: 1);
        var filterSums = conv.Weight.Detach().Abs().Sum([1, 2, 3]).Reshape(1, 5, 1, 1);
        var bound = filterSums * (sx / 2) + fieldSums * (s / 2) + s * (27 * sx / 4) + sy / 2;
        AssertWithin(quantised.Forward(x), float32, bound);
    }

    private static (QuantizedModel Quantised, Tensor Float32) Run(Sequential model, Tensor x)
    {
        using var _ = Autograd.NoGrad();
        return (Quantization.QuantizeStatic(model, [x]), model.Forward(x));
    }

    /// <summary>The output step of the one calibration batch: its range widened to 0, over 255 codes.</summary>
    private static float OutputScale(Tensor y) => QuantParams.FromRange(y.Min().Item<float>(), y.Max().Item<float>()).Scale;

    private static void AssertWithin(Tensor actual, Tensor expected, Tensor bound)
    {
        var error = (actual - expected).Abs();
        var excess = (error - bound * 1.0001f - 1e-6f).Max().Item<float>();
        Assert.True(excess <= 0, $"the int8 output leaves the rounding bound by {excess}");
        // Not vacuous: the int8 output does differ from the float one, by more than a float32 rounding.
        Assert.True(error.Max().Item<float>() > 1e-5, "the int8 output equals the float output: nothing was quantised");
    }
}
