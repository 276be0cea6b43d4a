using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>
/// Elementwise arithmetic on float16 and bfloat16 as PyTorch's CPU does it (issue #20): widen to float32, compute,
/// round back once; so each result must equal the float32 op on the widened inputs, rounded, bit for bit, on both
/// backends. Type promotion and scalar handling follow PyTorch 1.13 (values checked there, noted by each case).
/// </summary>
public class HalfArithmeticTests
{
    public static TheoryData<string, DType> Cases => new()
    {
        { "cpu", DType.Float16 }, { "cpu", DType.BFloat16 }, { "reference", DType.Float16 }, { "reference", DType.BFloat16 },
    };

    private static readonly (string Name, Func<Tensor, Tensor> Op)[] Unary =
    [
        ("Neg", x => -x), ("Abs", x => x.Abs()), ("Exp", x => x.Exp()), ("Log", x => x.Abs().Log()), ("Sqrt", x => x.Abs().Sqrt()),
        ("Tanh", x => x.Tanh()), ("Sigmoid", x => x.Sigmoid()), ("Relu", x => x.Relu()), ("Sin", x => x.Sin()), ("Square", x => x.Square()),
    ];

    private static readonly (string Name, Func<Tensor, Tensor, Tensor> Op)[] Binary =
    [
        ("Add", (a, b) => a + b), ("Sub", (a, b) => a - b), ("Mul", (a, b) => a * b), ("Div", (a, b) => a / b),
        ("Maximum", (a, b) => a.Maximum(b)), ("Pow", (a, b) => a.Abs().Pow(b)), ("Atan2", (a, b) => a.Atan2(b)),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void ResultsAreTheFloat32ResultRounded(string device, DType dtype)
    {
        using var _ = Device.Use(Device.Parse(device));
        // 40 × 37 elements: several SIMD runs and a tail per row; b is a strided (transposed) view broadcast over rows.
        var a = (Tensor.Randn([40, 37], DType.Float32, new Generator(1)) * 4).To(dtype);
        var b = (Tensor.Randn([37, 1], DType.Float32, new Generator(2)) * 2).To(dtype).Transpose(0, 1);
        foreach (var (name, op) in Unary)
            Same(op(a.Float()).To(dtype), op(a), name);
        foreach (var (name, op) in Binary)
            Same(op(a.Float(), b.Float()).To(dtype), op(a, b), name);
        Assert.Equal(a.Float().Gt(b.Float()).ToArray<bool>(), a.Gt(b).ToArray<bool>());
        var picked = Tensor.Where(a.Gt(0), a, b);
        Assert.Equal(dtype, picked.DType);
        Same(Tensor.Where(a.Float().Gt(0), a.Float(), b.Float()).To(dtype), picked, "Where");
    }

    private static void Same(Tensor expected, Tensor actual, string name)
    {
        Assert.True(expected.DType == actual.DType, $"{name}: dtype {actual.DType.Name()}, expected {expected.DType.Name()}");
        BitwiseEqual(expected, actual);
    }

    [Fact]
    public void PromotionFollowsPyTorch()
    {
        var h = Tensor.FromArray(new[] { (Half)0.5f });
        var b = Tensor.FromArray(new[] { (BFloat16)0.5f });
        Assert.Equal(DType.Float32, (h + b).DType);                          // neither half type holds the other
        Assert.Equal(DType.Float32, (h + Tensor.From(new[] { 1f })).DType);
        Assert.Equal(DType.Float64, (b * Tensor.From(new[] { 1.0 })).DType);
        Assert.Equal(DType.Float16, (Tensor.From(new long[] { 1, 2 }) + h).DType);
        Assert.Equal(DType.BFloat16, (Tensor.From(new long[] { 1, 2 }) / Tensor.FromArray(new[] { (BFloat16)2f })).DType);
        Assert.Equal(DType.Float16, (h + Tensor.From(new[] { true })).DType);
    }

    [Fact]
    public void IntegersAreRoundedToTheHalfTypeBeforeComputing()
    {
        // PyTorch casts every operand to the common dtype first: 2049 becomes 2048 in float16 and bfloat16, and
        // 2048 + 0.5 ties back to 2048. Widening 2049 straight to float32 would give 2049.5, rounded to 2050.
        Assert.Equal([2048.0], (Tensor.From(new long[] { 2049 }) + Tensor.FromArray(new[] { (Half)0.5f })).ToDoubleArray());
        Assert.Equal([2048.0], (Tensor.From(new long[] { 2049 }) + Tensor.FromArray(new[] { (BFloat16)0.5f })).ToDoubleArray());
    }

    [Fact]
    public void ScalarsTakeTheTensorsHalfType()
    {
        // PyTorch 1.13: torch.tensor([3.], dtype=float16) * 0.1 is 0.2998046875: 0.1 rounds to float16 (1638·2⁻¹⁴) first,
        // 3·1638·2⁻¹⁴ = 2457·2⁻¹³ is a tie, to even: 1228·2⁻¹². In bfloat16 the answer is 0.30078125; 3 + 1e-3 is 3.001953125
        // in float16 and 3 in bfloat16 (whose step at 3 is 2⁻⁶).
        var h = Tensor.FromArray(new[] { (Half)3 });
        var b = Tensor.FromArray(new[] { (BFloat16)3f });
        Assert.Equal(0.2998046875, (h * 0.1).Item());
        Assert.Equal(0.30078125, (b * 0.1).Item());
        Assert.Equal(3.001953125, (h + 1e-3).Item());
        Assert.Equal(3.0, (b + 1e-3).Item());
        Assert.Equal(DType.Float16, (h * 0.1).DType);
    }

    [Fact]
    public void InPlaceOpsRoundOnceIntoTheHalfTensor()
    {
        var x = Tensor.FromArray(new[] { (Half)1, (Half)2048 });
        x.AddInPlace(Tensor.FromArray(new[] { (Half)1e-3f, (Half)1 }));
        Assert.Equal([1.0009765625, 2048], x.ToDoubleArray());   // 1 + 2⁻¹⁰ is the nearest float16 to 1.001; 2049 ties to 2048
        x.MulInPlace(2);
        Assert.Equal(DType.Float16, x.DType);
        Assert.Equal([2.001953125, 4096], x.ToDoubleArray());
    }

    [Fact]
    public void GradientsFlowThroughHalfElementwiseOps()
    {
        var x = Tensor.FromArray(new[] { (Half)1.5f, (Half)(-2) }).RequireGrad();
        (x * x).Backward(Tensor.OnesLike(x));
        Assert.Equal(DType.Float16, x.Grad!.DType);
        Close([3, -4], x.Grad!.Float(), 0);
    }
}
