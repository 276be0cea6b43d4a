using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Backends;

/// <summary>
/// The softmax's backward primitive (<c>Backend.SoftmaxBackward</c>, gx = y ⊙ (g − ⟨g, y⟩) per line) on both backends,
/// past the op table's 3 × 4 samples: lines longer than a SIMD vector with a tail, lines across an inner stride, and a
/// strided upstream gradient. The op table's Softmax entries check it against central differences.
/// </summary>
public class SoftmaxBackwardConformanceTests
{
    private sealed record Case(string Name, int[] Shape, int Dim);

    private static readonly Case[] Cases =
    [
        new("[3, 37] last dim (vector lanes and a tail)", [3, 37], -1),
        new("[2, 5, 3] middle dim (inner stride 3)", [2, 5, 3], 1),
        new("[4, 1] one-element lines", [4, 1], 1),
        new("[2, 3, 67] last dim", [2, 3, 67], 2),
    ];

    public static TheoryData<int> CaseIndices => [.. Enumerable.Range(0, Cases.Length)];

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void CpuAgreesWithTheReferenceBackend(int index)
    {
        // The CPU kernel sums a line in SIMD lanes, the reference in order: a few ulps apart.
        foreach (var (dtype, tolerance) in new[] { (DType.Float64, 1e-12), (DType.Float32, 1e-5) })
        {
            var reference = Gradient(Cases[index], dtype, Device.Reference);
            Assert.Equal(Device.Reference, reference.Device);
            Close(reference, Gradient(Cases[index], dtype, Device.Cpu), tolerance);
        }
    }

    private static Tensor Gradient(Case c, DType dtype, Device device)
    {
        using var _ = Device.Use(device);
        var x = Randn(20, c.Shape).To(dtype).RequireGrad();
        var y = x.Softmax(c.Dim);
        // A transposed upstream gradient: the op makes it contiguous before the primitive reads it.
        int[] flipped = [.. c.Shape.Reverse()];
        var upstream = Randn(21, flipped).To(dtype).Permute([.. Enumerable.Range(0, flipped.Length).Reverse()]);
        return Autograd.Grad([y], [x], [upstream])[0];
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("reference")]
    public void TheGradientIsTheClosedForm(string backend)
    {
        using var _ = OnBackend(backend);
        // softmax([0, ln 2]) = [1/3, 2/3]; with g = [1, 0], ⟨g, y⟩ = 1/3 and y ⊙ (g − 1/3) = [1/3 · 2/3, 2/3 · (−1/3)] = [2/9, −2/9].
        var x = ZeroAndLn2(DType.Float64);
        var grad = Autograd.Grad([x.Softmax()], [x], [Tensor.FromArray(new double[] { 1, 0 }, 2)])[0];
        Close([2.0 / 9, -2.0 / 9], grad, 1e-15);
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("reference")]
    public void AFloat64GradientIntoAFloat32SoftmaxGivesTheFloat64ClosedForm(string backend)
    {
        using var _ = OnBackend(backend);
        // As TheGradientIsTheClosedForm, but y is float32 (ln 2 rounded, so 1e-6) and g float64: the composed ops promote.
        var x = ZeroAndLn2(DType.Float32);
        var grad = Autograd.Grad([x.Softmax()], [x], [Tensor.FromArray(new double[] { 1, 0 }, 2)])[0];
        Assert.Equal(DType.Float64, grad.DType);
        Close([2.0 / 9, -2.0 / 9], grad, 1e-6);
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("reference")]
    public void AFloat32SoftmaxTimesAFloat64TensorBackpropagates(string backend)
    {
        using var _ = OnBackend(backend);
        // L = Σ softmax(x) ⊙ [1, 0] = y₀, so ∂L/∂x = y₀ ⊙ ([1, 0] − y₀) = [2/9, −2/9] for x = [0, ln 2].
        var x = ZeroAndLn2(DType.Float32);
        (x.Softmax() * Tensor.FromArray(new double[] { 1, 0 }, 2)).Sum().Backward();
        Close([2.0 / 9, -2.0 / 9], x.Grad!.To(DType.Float64), 1e-6);
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("reference")]
    public void ThePrimitiveRefusesMixedDTypesNamingBoth(string backend)
    {
        var device = backend == "cpu" ? Device.Cpu : Device.Reference;
        using var _ = Device.Use(device);
        var y = Tensor.Ones([2, 3], DType.Float32);
        var error = Assert.Throws<ArgumentException>(() =>
            device.Backend.SoftmaxBackward(Tensor.Zeros([2, 3], DType.Float32), y, Tensor.Ones([2, 3], DType.Float64), 2, 3, 1));
        Assert.Contains("SoftmaxBackward", error.Message);
        Assert.Contains("float32", error.Message);
        Assert.Contains("float64", error.Message);
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("reference")]
    public void ThePrimitivesRefuseAnOutputAtAnOffsetOrAStridedInput(string backend)
    {
        var device = backend == "cpu" ? Device.Cpu : Device.Reference;
        using var _ = Device.Use(device);
        var y = Tensor.Ones([2, 3], DType.Float64);
        // Rows 1..2 of a [3, 3]: contiguous, but at offset 3, which the CPU kernels used to ignore.
        var shifted = Tensor.Zeros([3, 3], DType.Float64).Narrow(0, 1, 2);
        var backward = Assert.Throws<ArgumentException>(() => device.Backend.SoftmaxBackward(shifted, y, y, 2, 3, 1));
        Assert.Contains("SoftmaxBackward", backward.Message);
        Assert.Contains("offset 3", backward.Message);
        var forward = Assert.Throws<ArgumentException>(() => device.Backend.Softmax(shifted, y, 2, 3, 1, log: false));
        Assert.Contains("Softmax", forward.Message);
        var strided = Tensor.Ones([3, 2], DType.Float64).Transpose(0, 1);
        var input = Assert.Throws<ArgumentException>(() => device.Backend.SoftmaxBackward(Tensor.Zeros([2, 3], DType.Float64), strided, y, 2, 3, 1));
        Assert.Contains("contiguous", input.Message);
    }

    private static IDisposable OnBackend(string backend) => Device.Use(backend == "cpu" ? Device.Cpu : Device.Reference);

    /// <summary>x = [0, ln 2], whose softmax is [1/3, 2/3], in <paramref name="dtype"/>, requiring grad.</summary>
    private static Tensor ZeroAndLn2(DType dtype) => Tensor.FromArray(new double[] { 0, Math.Log(2) }, 2).To(dtype).RequireGrad();
}
