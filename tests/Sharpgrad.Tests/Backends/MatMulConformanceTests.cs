using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Backends;

/// <summary>
/// The matrix-product primitive (<c>Backend.MatMul</c>) on both backends, past what the op table reaches: strided,
/// transposed, expanded and broadcast operands, empty dims, products large enough to cross the CPU GEMM's blocks, and
/// Linear's accumulation onto the bias; the output and the gradients of both operands. The reference backend's triple
/// loop is itself checked against products worked out by hand.
/// </summary>
public class MatMulConformanceTests
{
    private sealed record Case(string Name, int[] A, int[] B, Func<Tensor, Tensor, Tensor> Product);

    private static readonly Case[] Cases =
    [
        new("[3,4]·[4,2]", [3, 4], [4, 2], (a, b) => a.MatMul(b)),
        new("Aᵀ·Bᵀ", [4, 3], [2, 4], (a, b) => a.T.MatMul(b.T)),
        new("batch broadcast [2,1,3,4]·[3,4,5]", [2, 1, 3, 4], [3, 4, 5], (a, b) => a.MatMul(b)),
        new("matrix times a batch [3,4]·[2,4,2]", [3, 4], [2, 4, 2], (a, b) => a.MatMul(b)),
        new("strided slices", [5, 8], [4, 6], (a, b) => a[TensorIndex.Slice(null, null, 2), TensorIndex.Slice(null, null, 2)].MatMul(b[.., TensorIndex.Slice(1, null, 2)])),
        new("expanded (stride 0) batch", [1, 3, 4], [2, 4, 3], (a, b) => a.Expand(2, 3, 4).MatMul(b)),
        new("permuted batch dims", [3, 2, 4], [2, 4, 3], (a, b) => a.Permute(1, 0, 2).MatMul(b)),
        new("vector·matrix", [4], [4, 3], (a, b) => a.MatMul(b)),
        new("k = 0", [3, 0], [0, 2], (a, b) => a.MatMul(b)),
        new("m = 0", [0, 4], [4, 2], (a, b) => a.MatMul(b)),
        new("batch of 0", [0, 3, 4], [4, 2], (a, b) => a.MatMul(b)),
        new("past the GEMM blocks [70,300]·[300,45]", [70, 300], [300, 45], (a, b) => a.MatMul(b)),
        new("Linear [5,300] by [7,300] with bias", [5, 300], [7, 300], (x, w) => Functional.Linear(x, w, w[.., 0] * 3)),
        new("Linear, strided weight", [4, 3], [6, 5], (x, w) => Functional.Linear(x, w[TensorIndex.Slice(null, null, 2), TensorIndex.Slice(1, 4)], w[TensorIndex.Slice(null, null, 2), 0])),
    ];

    public static TheoryData<int, DType> Runs()
    {
        var data = new TheoryData<int, DType>();
        for (int c = 0; c < Cases.Length; c++)
            foreach (var dtype in new[] { DType.Float64, DType.Float32 })
                data.Add(c, dtype);
        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void CpuAgreesWithTheReferenceBackend(int index, DType dtype)
    {
        var c = Cases[index];
        var cpu = Run(c, dtype, Device.Cpu);
        var reference = Run(c, dtype, Device.Reference);
        Assert.Equal(Device.Reference, reference.Output.Device);
        // The backends add the k products in different orders: a few ulps of each partial sum.
        double tolerance = dtype == DType.Float64 ? 1e-10 : 1e-3;
        Close(reference.Output, cpu.Output, tolerance);
        Close(reference.GradA, cpu.GradA, tolerance);
        Close(reference.GradB, cpu.GradB, tolerance);
    }

    private static (Tensor Output, Tensor GradA, Tensor GradB) Run(Case c, DType dtype, Device device)
    {
        // Inside the scope the constants and temporaries of the products and their backward rules are made on the device too.
        using var _ = Device.Use(device);
        var a = Randn(10, c.A).To(dtype).RequireGrad();
        var b = Randn(11, c.B).To(dtype).RequireGrad();
        var y = c.Product(a, b);
        var upstream = Randn(12, y.Shape).To(dtype);
        var grads = Autograd.Grad([y], [a, b], [upstream]);
        return (y, grads[0], grads[1]);
    }

    /// <summary>
    /// <c>Backend.MatMulWeights</c> (Linear's product by Wᵀ with the inference hint) on both backends, against the
    /// reference backend's plain product: three inference calls (the CPU backend notes Wᵀ, packs it, then reads its kept
    /// pack), then a training call, each accumulating onto the last output; 64 rows and 9 (the packed GEMM), one row (the
    /// matrix-vector product), Wᵀ as the transposed view of W [45, 300] or as a contiguous [300, 45].
    /// </summary>
    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void MatMulWeightsAgreesWithTheReferenceBackend(DType dtype)
    {
        foreach (var (rows, transposedView) in new[] { (64, true), (9, false), (1, true) })
        {
            var results = new[] { Device.Cpu, Device.Reference }.Select(device =>
            {
                using var _ = Device.Use(device);
                var a = Randn(20, rows, 300).To(dtype);
                var b = transposedView ? Randn(21, 45, 300).To(dtype).TransposedMatrix() : Randn(21, 300, 45).To(dtype);
                var c = Randn(22, rows, 45).To(dtype);
                var outputs = new List<Tensor>();
                foreach (bool inference in new[] { true, true, true, false })
                {
                    a.Backend.MatMulWeights(c, a, b, accumulate: true, inference);
                    outputs.Add(c.Clone());
                }
                return outputs;
            }).ToArray();
            for (int call = 0; call < results[0].Count; call++)
            {
                Assert.Equal(Device.Reference, results[1][call].Device);
                Close(results[1][call].To(Device.Cpu), results[0][call], dtype == DType.Float64 ? 1e-10 : 1e-3);
            }
        }
    }

    [Fact]
    public void TheReferenceProductIsTheBookDefinition()
    {
        using var _ = Device.Use(Device.Reference);
        // [[1, 2], [3, 4]]·[[5, 6], [7, 8]] = [[1·5 + 2·7, 1·6 + 2·8], [3·5 + 4·7, 3·6 + 4·8]].
        var a = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, 2, 2);
        var b = Tensor.FromArray(new double[] { 5, 6, 7, 8 }, 2, 2);
        var product = a.MatMul(b);
        Assert.Equal(Device.Reference, product.Device);
        Assert.Equal(new double[] { 19, 22, 43, 50 }, product.ToArray<double>());
        // Aᵀ·B, read through the transposed view: [[1·5 + 3·7, 1·6 + 3·8], [2·5 + 4·7, 2·6 + 4·8]].
        Assert.Equal(new double[] { 26, 30, 38, 44 }, a.T.MatMul(b).ToArray<double>());
        // Linear accumulates x·Wᵀ onto the bias: [1, 2]·[[1, 0], [1, 1]]ᵀ + [10, 20] = [11, 23].
        var w = Tensor.FromArray(new double[] { 1, 0, 1, 1 }, 2, 2);
        var y = Functional.Linear(Tensor.FromArray(new double[] { 1, 2 }, 1, 2), w, Tensor.FromArray(new double[] { 10, 20 }, 2));
        Assert.Equal(new double[] { 11, 23 }, y.ToArray<double>());
    }

    [Fact]
    public void OperandsOnTwoDevicesAreAnErrorNamingTheOp()
    {
        var a = Tensor.Ones(2, 3);
        var b = Tensor.Ones(3, 2).To(Device.Reference);
        var error = Assert.Throws<InvalidOperationException>(() => a.MatMul(b));
        Assert.Contains("MatMul", error.Message);
        Assert.Contains("reference", error.Message);
        var linear = Assert.Throws<InvalidOperationException>(() => Functional.Linear(a, b.T));
        Assert.Contains("Linear", linear.Message);
    }
}
