using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>
/// Sums, matrix products, Linear, convolution and pooling on float16/bfloat16 (issue #20): PyTorch's CPU semantics,
/// widen exactly, compute in float32, round once. Hand-worked cases show the float32 accumulation; the others pin each
/// op to that definition bit for bit, on both backends.
/// </summary>
public class HalfComputeTests
{
    public static TheoryData<DType> HalfTypes => [DType.Float16, DType.BFloat16];

    [Fact]
    public void ASumAccumulatesInFloat32AndRoundsOnce()
    {
        // In bfloat16 (8 significant bits) 256 + 1 rounds back to 256, so adding in bfloat16 would give 256; the float32
        // sum is 258, which bfloat16 represents exactly.
        var x = Tensor.From(new[] { 256f, 1f, 1f }).To(DType.BFloat16);
        Assert.Equal(258.0, x.Sum().Item());
        Assert.Equal(DType.BFloat16, x.Sum().DType);
        Assert.Equal(86.0, x.Mean().Item());                   // 258 / 3 = 86 exactly
        var row = Tensor.From(new[,] { { 1f, 1f, 1f } }).To(DType.BFloat16);
        Assert.Equal(258.0, row.MatMul(x.Unsqueeze(1)).Item());
    }

    [Theory]
    [MemberData(nameof(HalfTypes))]
    public void EachOpIsTheFloat32OpOnWidenedInputsRoundedOnce(DType half)
    {
        foreach (var device in new[] { Device.Cpu, Device.Reference })
            using (Device.Use(device))
            {
                var a = Random(1, half, 3, 5);
                var b = Random(2, half, 5, 4);
                var bias = Random(3, half, 4);
                var image = Random(4, half, 2, 3, 6, 6);
                var kernel = Random(5, half, 4, 3, 3, 3);
                var channelBias = Random(6, half, 4);

                Same(a.Float().Sum(1), a.Sum(1), half);
                Same(a.Float().Mean(0), a.Mean(0), half);
                Same(a.Float().MatMul(b.Float()), a.MatMul(b), half);
                Same(Functional.Linear(a.Float(), b.Float().T, bias.Float()), Functional.Linear(a, b.T, bias), half);
                Same(Functional.Conv2d(image.Float(), kernel.Float(), channelBias.Float(), padding: 1),
                     Functional.Conv2d(image, kernel, channelBias, padding: 1), half);
                Same(Functional.ConvTranspose2d(image.Float(), kernel.Float().Transpose(0, 1)),
                     Functional.ConvTranspose2d(image, kernel.Transpose(0, 1)), half);
                Same(Functional.MaxPool2d(image.Float(), 2), Functional.MaxPool2d(image, 2), half);
                Same(Functional.AvgPool2d(image.Float(), 3), Functional.AvgPool2d(image, 3), half);
            }
    }

    [Theory]
    [MemberData(nameof(HalfTypes))]
    public void GradientsComeBackInTheHalfType(DType half)
    {
        var a = Random(7, half, 2, 3).RequireGrad();
        var b = Random(8, half, 3, 2);
        a.MatMul(b).Sum().Backward();
        Assert.Equal(half, a.Grad!.DType);
        // ∂Σ(AB)/∂A = 1·Bᵀ: each row of the gradient is B's row sums, rounded from float32 once.
        var rowSums = b.Float().Sum(1).To(half);
        BitwiseEqual(rowSums.Unsqueeze(0).Expand(2, 3), a.Grad!);
    }

    [Fact]
    public void ABFloat16ModelRunsInferenceCloseToItsFloat32Self()
    {
        var generator = new Generator(11);
        var model = new Sequential(new Conv2d(1, 4, 3, generator: generator), new ReLU(), new MaxPool2d(2), new Flatten(),
            new Linear(4 * 3 * 3, 10, generator: generator)).Eval();
        var input = Tensor.Randn([5, 1, 8, 8], DType.Float32, generator);
        var expected = model.Forward(input);
        model.To(DType.BFloat16);
        var output = model.Forward(input.To(DType.BFloat16));
        Assert.Equal(DType.BFloat16, output.DType);
        // bfloat16 keeps 8 significant bits (relative spacing 2⁻⁸ ≈ 0.004); weights, input and each layer's output
        // are rounded, so the logits agree to a few hundredths.
        Close(expected.ToDoubleArray(), output.Float(), 0.05);
    }

    [Theory]
    [MemberData(nameof(HalfTypes))]
    public void AutocastComputesInTheHalfTypeAndKeepsFloat32MasterWeights(DType half)
    {
        var layer = new Linear(4, 3, generator: new Generator(12));
        var input = Tensor.Randn([2, 4], DType.Float32, new Generator(13));
        Tensor output;
        using (Autocast.To(half)) output = layer.Forward(input);
        Assert.Null(Autocast.Current);
        Assert.Equal(half, output.DType);
        // Exactly Linear on the operands rounded to the half type, computed in float32 and rounded once.
        var expected = Functional.Linear(input.To(half).Float(), layer.Weight.To(half).Float(), layer.Bias!.To(half).Float()).To(half);
        BitwiseEqual(expected, output);

        output.Float().Sum().Backward();
        Assert.Equal(DType.Float32, layer.Weight.Grad!.DType);   // the master weight's gradient, in float32
        // ∂Σy/∂W[o, i] = Σ_n x[n, i], from the half-rounded input, summed in float32 and rounded to the half type once.
        var columnSums = input.To(half).Float().Sum(0).To(half).Float();
        BitwiseEqual(columnSums.Unsqueeze(0).Expand(3, 4), layer.Weight.Grad!);
        Assert.Throws<ArgumentException>(() => Autocast.To(DType.Float64));
    }

    private static Tensor Random(int seed, DType half, params int[] shape)
        => Tensor.Randn(shape, DType.Float32, new Generator(seed)).To(half);

    private static void Same(Tensor float32Result, Tensor halfResult, DType half)
    {
        Assert.Equal(half, halfResult.DType);
        BitwiseEqual(float32Result.To(half), halfResult);
    }
}
