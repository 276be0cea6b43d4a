using static Sharpgrad.Tests.LinearAlgebra.TestMatrices;

namespace Sharpgrad.Tests.LinearAlgebra;

/// <summary>
/// Repeated eigenvalues and singular values: the vectors are then only defined up to a rotation inside their
/// subspace, but the factorisations must still be exact and orthonormal, and gradients of basis-independent
/// functions (of the values alone, or of projectors onto whole eigenspaces) must stay finite and correct.
/// </summary>
public class DegenerateSpectrumTests
{
    [Fact]
    public void RepeatedEigenvaluesStillGiveAnOrthonormalExactDecomposition()
    {
        // Q diag(1, 1, 1, 5, 5) Qᵀ with a random orthogonal Q.
        var q = Reflection(5, seed: 3).MatMul(Reflection(5, seed: 4));
        var a = q.MatMul(Linalg.DiagEmbed(Tensor.From(new[] { 1.0, 1, 1, 5, 5 }))).MatMul(q.T);
        var (w, v) = Linalg.Eigh(a);
        Assert.True(w.AllClose(Tensor.From(new[] { 1.0, 1, 1, 5, 5 }), 1e-13, 1e-13));
        Assert.True(OrthogonalityError(v) < 1e-13);
        Assert.True(RelativeError(v.MatMul(Linalg.DiagEmbed(w)).MatMul(v.T), a) < 1e-13);
        var (wi, vi) = Linalg.Eigh(Tensor.Eye(4, dtype: DType.Float64));
        Assert.True(wi.Eq(1).All());
        Assert.True(OrthogonalityError(vi) < 1e-15);
        var (u, s, vh) = Linalg.Svd(3 * Tensor.Eye(4, dtype: DType.Float64));
        Assert.True(s.Eq(3).All());
        Assert.True(RelativeError(u.MatMul(Linalg.DiagEmbed(s)).MatMul(vh), 3 * Tensor.Eye(4, dtype: DType.Float64)) < 1e-15);
    }

    [Fact]
    public void GradientsOfEigenvaluesAtRepeatedEigenvaluesAreFinite()
    {
        // Σλᵢ = Tr(A), so its gradient is I whatever the multiplicities; d(Σσᵢ)/dA = U Vᵀ, which is I at A = I.
        var a = Tensor.Eye(3, dtype: DType.Float64).RequireGrad();
        Linalg.Eigvalsh(a).Sum().Backward();
        Assert.True(a.Grad!.AllClose(Tensor.Eye(3, dtype: DType.Float64), 1e-14, 1e-14));
        var b = Tensor.Eye(3, dtype: DType.Float64).RequireGrad();
        Linalg.Svdvals(b).Sum().Backward();
        Assert.True(b.Grad!.AllClose(Tensor.Eye(3, dtype: DType.Float64), 1e-14, 1e-14));
        // The nuclear norm's and Pinv's gradients through the full SVD at a repeated singular value.
        var c = Tensor.Eye(3, dtype: DType.Float64).RequireGrad();
        Linalg.MatrixNorm(c, "nuc").Backward();
        Assert.True(c.Grad!.AllClose(Tensor.Eye(3, dtype: DType.Float64), 1e-14, 1e-14));
    }

    [Fact]
    public void ProjectorOntoANearlyRepeatedEigenspacePassesGradCheck()
    {
        // Near diag(1, 4, 4) the two top eigenvectors swing wildly with A, but the projector P = V₂V₂ᵀ onto their
        // span is smooth: the huge 1/(λ_j − λ_i) terms cancel, and the gradient must still match finite differences.
        var x = Random([3, 3], DType.Float64, seed: 20) * 0.1;
        var baseMatrix = Linalg.DiagEmbed(Tensor.From(new[] { 1.0, 4, 4 }));
        var input = x.RequireGrad();
        GradCheck.Assert(t =>
        {
            var s = baseMatrix + (t[0] + t[0].T) * 0.01;
            var top = Linalg.Eigh(s).Eigenvectors.Narrow(1, 1, 2);
            return top.MatMul(top.T);
        }, input);
    }
}
