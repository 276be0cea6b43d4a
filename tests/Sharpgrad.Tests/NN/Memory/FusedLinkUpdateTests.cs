using Sharpgrad.NN.Memory;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Memory;

/// <summary>
/// The fused link-update node (NN/Memory/FusedLinkUpdate.cs) against the composite of broadcast ops it replaces
/// (<see cref="TemporalLinkage.Composite"/>, the independent oracle): the same L_t and the same gradients for L_{t−1},
/// w and p on random inputs. N = 19 is not a multiple of any vector width, so the kernel's SIMD body and its scalar tail
/// both run. Plus a float64 GradCheck of the node to first and second order and the determinism rule across thread counts.
/// </summary>
public class FusedLinkUpdateTests
{
    private const int Batch = 3, Cells = 19;

    /// <summary>L_{t−1} with a zero diagonal and rows summing below 1, w and p summing below 1, as in a running DNC.</summary>
    private static Tensor[] Inputs(DType dtype, int batch = Batch, int cells = Cells, int seed = 0) =>
    [
        (Uniform(seed, 0, 0.1, batch, cells, cells) * (1 - Tensor.Eye(cells, dtype: DType.Float64))).To(dtype),
        (Randn(seed + 1, batch, cells).Softmax(-1) * 0.9).To(dtype),
        (Randn(seed + 2, batch, cells).Softmax(-1) * 0.8).To(dtype),
    ];

    /// <summary>L_t and the gradients of Σ L_t ∘ G for a fixed random G (whose diagonal is not 0: it must be ignored).</summary>
    private static Tensor[] Run(Func<Tensor, Tensor, Tensor, Tensor> link, DType dtype)
    {
        var x = Inputs(dtype).Select(t => t.RequireGrad()).ToArray();
        var y = link(x[0], x[1], x[2]);
        (y * Randn(7, Batch, Cells, Cells).To(dtype)).Sum().Backward();
        return [y, x[0].Grad!, x[1].Grad!, x[2].Grad!];
    }

    [Theory]
    [InlineData(DType.Float64, 1e-14)]
    [InlineData(DType.Float32, 1e-5)]
    public void FusedUpdateEqualsTheCompositeWithItsGradients(DType dtype, double gradientTolerance)
    {
        var fused = Run(TemporalLinkage.Link, dtype);
        var composite = Run(TemporalLinkage.Composite, dtype);
        BitwiseEqual(composite[0], fused[0]);  // the kernel repeats the composite's operations in its order
        for (int i = 1; i < fused.Length; i++) Close(composite[i], fused[i], gradientTolerance);
    }

    [Fact]
    public void FusedUpdatePassesGradCheckToFirstAndSecondOrder()
    {
        Tensor F(Tensor[] a) => TemporalLinkage.Link(a[0], a[1], a[2]);
        GradCheck.Run(F, Inputs(DType.Float64, batch: 2, cells: 5).Select(t => t.RequireGrad()).ToArray()).ThrowIfFailed();
        GradCheck.RunSecondOrder(F, Inputs(DType.Float64, batch: 2, cells: 5).Select(t => t.RequireGrad()).ToArray()).ThrowIfFailed();
    }

    [Fact]
    public void FusedUpdateIsBitwiseTheSameAtAnyThreadCount()
    {
        Tensor[] RunWith(int threads)
        {
            using var _ = Threads.Use(threads);
            var x = Inputs(DType.Float32, batch: 64, seed: 3).Select(t => t.RequireGrad()).ToArray();
            var y = TemporalLinkage.Link(x[0], x[1], x[2]);
            (y * Tensor.Randn([64, Cells, Cells], DType.Float32, new Generator(9))).Sum().Backward();
            return [y, x[0].Grad!, x[1].Grad!, x[2].Grad!];
        }
        var (one, four) = (RunWith(1), RunWith(4));
        for (int i = 0; i < one.Length; i++) BitwiseEqual(one[i], four[i]);
    }
}
