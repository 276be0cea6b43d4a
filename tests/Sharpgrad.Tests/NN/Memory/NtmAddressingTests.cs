using Sharpgrad.NN.Memory;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Memory;

/// <summary>The NTM's addressing and memory access on vectors small enough to work out by hand (Graves et al. 2014 eqs. 2–9).</summary>
public class NtmAddressingTests
{
    private static Tensor Heads(params double[] values) => Tensor.From(values).View(1, 1, values.Length);

    [Fact]
    public void ContentAddressingIsASoftmaxOfStrengthTimesCosine()
    {
        // Rows [1, 0], [0, 1], [1, 1] against key [1, 0]: cosines 1, 0, 1/√2; with β = 2 the weights are
        // softmax(2, 0, √2). The ε = 1e-6 inside the norms moves them by about 1e-6.
        var memory = Tensor.From(new double[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } }).Unsqueeze(0);
        var weights = ContentAddressing.Weights(memory, Heads(1, 0), Tensor.From(new double[] { 2 }).View(1, 1));
        double[] scores = [2, 0, Math.Sqrt(2)];
        double total = scores.Sum(Math.Exp);
        Close(scores.Select(s => Math.Exp(s) / total).ToArray(), weights.Flatten(), tol: 1e-5);
    }

    [Fact]
    public void ContentAddressingOfAZeroMemoryIsUniformAndHasFiniteGradients()
    {
        var memory = Tensor.Zeros([1, 4, 3], DType.Float64).RequireGrad();
        var weights = ContentAddressing.Weights(memory, Heads(1, 2, 3), Tensor.Ones([1, 1], DType.Float64));
        Close([0.25, 0.25, 0.25, 0.25], weights.Flatten());
        (weights * Tensor.From(new double[] { 1, 2, 3, 4 })).Sum().Backward();
        Assert.True(memory.Grad!.IsFinite().All());
    }

    [Fact]
    public void ShiftRotatesTheWeightingByTheShiftDistribution()
    {
        var w = Heads(0.1, 0.2, 0.3, 0.4, 0);
        // Index k of s is a shift by k − 1: +1 moves every weight one cell on, wrapping the last to the front.
        Close([0, 0.1, 0.2, 0.3, 0.4], LocationAddressing.Shift(w, Heads(0, 0, 1)).Flatten());
        Close([0.2, 0.3, 0.4, 0, 0.1], LocationAddressing.Shift(w, Heads(1, 0, 0)).Flatten());
        Close([0.1, 0.2, 0.3, 0.4, 0], LocationAddressing.Shift(w, Heads(0, 1, 0)).Flatten());
        // A blurred shift of a one-hot: w̃_i = Σ_j w_j s_{(i−j) mod N}.
        Close([0.5, 0.25, 0, 0, 0.25], LocationAddressing.Shift(Heads(1, 0, 0, 0, 0), Heads(0.25, 0.5, 0.25)).Flatten());
        // Shifts of ±2 wrap twice as far.
        Close([0.3, 0, 0, 0, 0.7], LocationAddressing.Shift(Heads(0, 0, 0, 1, 0), Heads(0, 0, 0, 0.7, 0.3)).Flatten());
    }

    [Fact]
    public void SharpeningRaisesToGammaAndRenormalises()
    {
        // [0.5, 0.25, 0.25]^2 = [0.25, 0.0625, 0.0625], / 0.375 = [2/3, 1/6, 1/6]; γ = 1 changes nothing.
        var w = Heads(0.5, 0.25, 0.25);
        Close([2.0 / 3, 1.0 / 6, 1.0 / 6], LocationAddressing.Sharpen(w, Tensor.From(new double[] { 2 }).View(1, 1)).Flatten(), tol: 1e-15);
        Close([0.5, 0.25, 0.25], LocationAddressing.Sharpen(w, Tensor.Ones([1, 1], DType.Float64)).Flatten(), tol: 1e-15);
    }

    [Fact]
    public void SharpeningStaysExactWhereTheUnscaledPowersUnderflow()
    {
        // Uniform over 128 cells with γ = 40: 128⁻⁴⁰ = 2⁻²⁸⁰ is below float32's range, so w̃^γ / Σ w̃^γ would be 0/0;
        // the answer is still uniform.
        var uniform = Tensor.Full([1, 1, 128], 1.0 / 128, DType.Float32);
        var sharpened = LocationAddressing.Sharpen(uniform, Tensor.Full([1, 1], 40.0, DType.Float32));
        Close(Enumerable.Repeat(1.0 / 128, 128).ToArray(), sharpened.To(DType.Float64).Flatten(), tol: 1e-7);
        // [0.6, 0.4] with γ = 300: 0.6³⁰⁰ ≈ 2·10⁻⁶⁷ underflows; the exact answer is [1, (2/3)³⁰⁰ ≈ 5·10⁻⁵⁹ → 0].
        var peaked = LocationAddressing.Sharpen(Tensor.From(new float[] { 0.6f, 0.4f }).View(1, 1, 2), Tensor.Full([1, 1], 300.0, DType.Float32));
        Close([1, 0], peaked.To(DType.Float64).Flatten(), tol: 1e-7);
        // The gradient is finite too (float64, γ = 1000 makes 0.6^γ ≈ 10⁻²²² and 0.4^γ underflow to 0).
        var w = Heads(0.6, 0.4).RequireGrad();
        var gamma = Tensor.Full([1, 1], 1000.0, DType.Float64).RequireGrad();
        (LocationAddressing.Sharpen(w, gamma) * Heads(1, 2)).Sum().Backward();
        Assert.True(w.Grad!.IsFinite().All() && gamma.Grad!.IsFinite().All());
    }

    [Fact]
    public void InterpolationMixesContentAndPreviousWeightingsByTheGate()
    {
        var mixed = LocationAddressing.Interpolate(Heads(1, 0, 0), Heads(0, 0, 1), Tensor.From(new double[] { 0.25 }).View(1, 1));
        Close([0.25, 0, 0.75], mixed.Flatten());
    }

    [Fact]
    public void AWriteErasesThenAddsWhereTheHeadPoints()
    {
        // Row 0 (weight 1): 1·(1 − 1·1) + 2 = 2 and 1·(1 − 0.5) + 3 = 3.5; row 1 (weight 0) keeps [1, 1].
        var memory = Tensor.Ones([1, 2, 2], DType.Float64);
        var written = MemoryAccess.Write(memory, Heads(1, 0), Heads(1, 0.5), Heads(2, 3));
        Close([2, 3.5, 1, 1], written.Flatten());
        // Two heads erase multiplicatively and add together: row 0 gets (1 − 0.5)(1 − 0.5) + 1 + 1 in column 0.
        var twoHeads = MemoryAccess.Write(memory, Tensor.From(new double[] { 1, 0, 1, 0 }).View(1, 2, 2),
            Tensor.From(new double[] { 0.5, 0, 0.5, 0 }).View(1, 2, 2), Tensor.From(new double[] { 1, 0, 1, 0 }).View(1, 2, 2));
        Close([2.25, 1, 1, 1], twoHeads.Flatten());
        Close([2, 3.5], MemoryAccess.Read(written, Heads(1, 0)).Flatten());
    }

    [Fact]
    public void BadShapesNameTheFunctionAndTheShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => LocationAddressing.Shift(Heads(1, 0, 0), Heads(0.5, 0.5)));
        Assert.Contains("odd width", error.Message);
        error = Assert.Throws<ArgumentException>(() => MemoryAccess.Write(Tensor.Ones([1, 2, 2], DType.Float64), Heads(1, 0, 0), Heads(1, 1), Heads(1, 1)));
        Assert.Contains("MemoryAccess.Write", error.Message);
        Assert.Contains("[1, 1, 3]", error.Message);
    }
}
