using Sharpgrad.NN.Memory;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Memory;

/// <summary>
/// The fused content-addressing node (NN/Memory/FusedContentAddressing.cs) against the composite of tensor ops it
/// replaces (<see cref="ContentAddressing.Composite"/>, the independent oracle): the same weightings and the same
/// gradients for memory, keys and strengths on random inputs, one zero memory row included (the DNC's memory starts at
/// zero; the ε in the norms keeps it finite). W = 19 is not a multiple of any vector width, so the kernel's SIMD body
/// and scalar tail both run. Plus a float64 GradCheck to first and second order and the determinism rule.
/// </summary>
public class FusedContentAddressingTests
{
    /// <summary>Memory [B, N, W] (row 0 all zeros when <paramref name="zeroRow"/>), keys [B, H, W], strengths in [1, 4).</summary>
    private static Tensor[] Inputs(DType dtype, int batch = 3, int cells = 7, int heads = 4, int width = 19, int seed = 0, bool zeroRow = true)
    {
        var memory = Randn(seed, batch, cells, width);
        if (zeroRow) memory *= 1 - Tensor.Eye(cells, dtype: DType.Float64).Narrow(0, 0, 1).Transpose(0, 1);
        return [memory.To(dtype), Randn(seed + 1, batch, heads, width).To(dtype), Uniform(seed + 2, 1, 4, batch, heads).To(dtype)];
    }

    /// <summary>The weightings and the gradients of Σ c ∘ G for a fixed random G.</summary>
    private static Tensor[] Run(Func<Tensor, Tensor, Tensor, Tensor> weights, DType dtype)
    {
        var x = Inputs(dtype).Select(t => t.RequireGrad()).ToArray();
        var y = weights(x[0], x[1], x[2]);
        (y * Randn(7, y.Shape.ToArray()).To(dtype)).Sum().Backward();
        return [y, x[0].Grad!, x[1].Grad!, x[2].Grad!];
    }

    [Theory]
    [InlineData(DType.Float64, 1e-12)]
    [InlineData(DType.Float32, 2e-5)]
    public void FusedWeightsEqualTheCompositeWithTheirGradients(DType dtype, double tolerance)
    {
        var fused = Run((m, k, b) => ContentAddressing.Weights(m, k, b), dtype);
        var composite = Run(ContentAddressing.Composite, dtype);
        // Relative to each result's largest magnitude: the zero row's gradient is ~1/|M_0| ≈ 1e3 (|M_0| = √ε).
        for (int i = 0; i < fused.Length; i++)
            Close(composite[i], fused[i], tolerance * Math.Max(1, composite[i].ToDoubleArray().Max(Math.Abs)));
    }

    [Fact]
    public void FusedWeightsPassGradCheckToFirstAndSecondOrder()
    {
        Tensor F(Tensor[] a) => ContentAddressing.Weights(a[0], a[1], a[2]);
        GradCheck.Run(F, Inputs(DType.Float64, batch: 2, cells: 4, heads: 2, width: 3, zeroRow: false).Select(t => t.RequireGrad()).ToArray()).ThrowIfFailed();
        GradCheck.RunSecondOrder(F, Inputs(DType.Float64, batch: 2, cells: 4, heads: 2, width: 3, zeroRow: false).Select(t => t.RequireGrad()).ToArray()).ThrowIfFailed();
    }

    [Fact]
    public void FusedWeightsAreBitwiseTheSameAtAnyThreadCount()
    {
        Tensor[] RunWith(int threads)
        {
            using var _ = Threads.Use(threads);
            var x = Inputs(DType.Float32, batch: 64, cells: 33, seed: 3).Select(t => t.RequireGrad()).ToArray();
            var y = ContentAddressing.Weights(x[0], x[1], x[2]);
            (y * Tensor.Randn(y.Shape.ToArray(), DType.Float32, new Generator(9))).Sum().Backward();
            return [y, x[0].Grad!, x[1].Grad!, x[2].Grad!];
        }
        var (one, four) = (RunWith(1), RunWith(4));
        for (int i = 0; i < one.Length; i++) BitwiseEqual(one[i], four[i]);
    }
}
