using static Sharpgrad.Tests.LinearAlgebra.TestMatrices;

namespace Sharpgrad.Tests.LinearAlgebra;

/// <summary>Every decomposition reconstructs its input and has factors of the promised structure.</summary>
public class DecompositionTests
{
    public static TheoryData<DType> DTypes => [DType.Float32, DType.Float64];

    private static IEnumerable<(string Name, Tensor A)> All(DType dtype) => Square(dtype).Concat(Rectangular(dtype));

    [Theory, MemberData(nameof(DTypes))]
    public void LuReconstructsWithUnitLowerAndUpperFactors(DType dtype)
    {
        foreach (var (name, a) in All(dtype))
        {
            var (p, l, u) = Linalg.Lu(a);
            Assert.True(RelativeError(p.MatMul(l).MatMul(u), a) < Tolerance(dtype), name);
            Assert.Equal(0, AboveDiagonal(l));
            Assert.Equal(0, BelowDiagonal(u));
            Assert.True(Linalg.Diagonal(l).Eq(1).All(), name);
            // P is a permutation: 0/1 entries, one 1 per row and column.
            Assert.True(p.Sum(-1).Eq(1).All() && p.Sum(-2).Eq(1).All() && (p.Eq(0).Long() + p.Eq(1).Long()).Eq(1).All(), name);
            // Partial pivoting keeps every multiplier |l_ij| ≤ 1 (GVL §3.4.3).
            Assert.True(l.Abs().Le(1).All(), name);
        }
    }

    [Theory, MemberData(nameof(DTypes))]
    public void CholeskyReconstructsSpdMatrices(DType dtype)
    {
        foreach (var n in new[] { 1, 3, 7, 17 })
        {
            var a = Spd(n, dtype, seed: n);
            var l = Linalg.Cholesky(a);
            Assert.True(RelativeError(l.MatMul(l.Transpose(-2, -1)), a) < Tolerance(dtype), $"n={n}");
            Assert.Equal(0, AboveDiagonal(l));
            Assert.True(Linalg.Diagonal(l).Gt(0).All());
            var u = Linalg.Cholesky(a, upper: true);
            Assert.True(RelativeError(u, l.T) < Tolerance(dtype));
        }
        var hilbert = Hilbert(6, dtype);
        var lh = Linalg.Cholesky(hilbert);
        Assert.True(RelativeError(lh.MatMul(lh.T), hilbert) < Tolerance(dtype));
        var batch = Tensor.Stack([Spd(5, dtype, 1), Spd(5, dtype, 2), Spd(5, dtype, 3)]);
        var lb = Linalg.Cholesky(batch);
        Assert.True(RelativeError(lb.MatMul(lb.Transpose(-2, -1)), batch) < Tolerance(dtype));
    }

    [Theory, MemberData(nameof(DTypes))]
    public void QrReconstructsInReducedAndCompleteModes(DType dtype)
    {
        foreach (var (name, a) in All(dtype))
        {
            int m = a.Shape[^2], n = a.Shape[^1], k = Math.Min(m, n);
            var (q, r) = Linalg.Qr(a);
            Assert.Equal([.. a.Shape[..^2], m, k], q.Shape);
            Assert.Equal([.. a.Shape[..^2], k, n], r.Shape);
            Assert.True(RelativeError(q.MatMul(r), a) < Tolerance(dtype), name);
            Assert.True(OrthogonalityError(q) < Tolerance(dtype), name);
            Assert.Equal(0, BelowDiagonal(r));

            var (qc, rc) = Linalg.Qr(a, "complete");
            Assert.Equal([.. a.Shape[..^2], m, m], qc.Shape);
            Assert.Equal([.. a.Shape[..^2], m, n], rc.Shape);
            Assert.True(RelativeError(qc.MatMul(rc), a) < Tolerance(dtype), name);
            Assert.True(OrthogonalityError(qc) < Tolerance(dtype), name);
            Assert.Equal(0, BelowDiagonal(rc));

            var (empty, rOnly) = Linalg.Qr(a, "r");
            Assert.Equal(0, empty.Count);
            Assert.True(RelativeError(rOnly, r) < 1e-12 || rOnly.AllClose(r));
        }
    }

    [Theory, MemberData(nameof(DTypes))]
    public void EighReconstructsWithAscendingEigenvaluesAndOrthonormalVectors(DType dtype)
    {
        foreach (var (name, x) in Square(dtype))
        {
            var a = (x + x.Transpose(-2, -1)) / 2;
            var (w, v) = Linalg.Eigh(a);
            var rebuilt = v.MatMul(Linalg.DiagEmbed(w)).MatMul(v.Transpose(-2, -1));
            Assert.True(RelativeError(rebuilt, a) < Tolerance(dtype), name);
            Assert.True(OrthogonalityError(v) < Tolerance(dtype), name);
            if (w.Shape[^1] > 1)
                Assert.True((w.Narrow(-1, 1, w.Shape[^1] - 1) - w.Narrow(-1, 0, w.Shape[^1] - 1)).Ge(0).All(), name);
            // A v = λ v column by column.
            Assert.True(RelativeError(a.MatMul(v), v * w.Unsqueeze(-2)) < Tolerance(dtype) * 10, name);
        }
    }

    [Theory, MemberData(nameof(DTypes))]
    public void SvdReconstructsThinAndFull(DType dtype)
    {
        foreach (var (name, a) in All(dtype))
        {
            int m = a.Shape[^2], n = a.Shape[^1], k = Math.Min(m, n);
            var (u, s, vh) = Linalg.Svd(a, fullMatrices: false);
            Assert.Equal([.. a.Shape[..^2], m, k], u.Shape);
            Assert.Equal([.. a.Shape[..^2], k, n], vh.Shape);
            Assert.True(RelativeError((u * s.Unsqueeze(-2)).MatMul(vh), a) < Tolerance(dtype), name);
            Assert.True(OrthogonalityError(u) < Tolerance(dtype), name);
            Assert.True(OrthogonalityError(vh.Transpose(-2, -1)) < Tolerance(dtype), name);
            Assert.True(s.Ge(0).All(), name);
            if (k > 1) Assert.True((s.Narrow(-1, 0, k - 1) - s.Narrow(-1, 1, k - 1)).Ge(0).All(), name);

            var (uf, sf, vhf) = Linalg.Svd(a);
            Assert.Equal([.. a.Shape[..^2], m, m], uf.Shape);
            Assert.Equal([.. a.Shape[..^2], n, n], vhf.Shape);
            Assert.True(OrthogonalityError(uf) < Tolerance(dtype), name);
            Assert.True(OrthogonalityError(vhf.Transpose(-2, -1)) < Tolerance(dtype), name);
            var sigma = Linalg.DiagEmbed(sf);
            if (m > k) sigma = Tensor.Cat([sigma, Tensor.Zeros([.. a.Shape[..^2], m - k, k], dtype)], -2);
            if (n > k) sigma = Tensor.Cat([sigma, Tensor.Zeros([.. a.Shape[..^2], m, n - k], dtype)], -1);
            Assert.True(RelativeError(uf.MatMul(sigma).MatMul(vhf), a) < Tolerance(dtype), name);
        }
    }

    [Fact]
    public void SvdOfIllConditionedMatrixRecoversEverySingularValueToWorkingAccuracy()
    {
        // σᵢ = 10^(−2i) over 12 decades. Building A rounds it by a few ε·‖A‖, which moves each σᵢ by as much
        // (Weyl's inequality), so every σᵢ must come out within about 1e-15 of 10^(−2i) in absolute terms.
        var a = IllConditioned(7, 12);
        var s = Linalg.Svdvals(a).ToArray<double>();
        for (int i = 0; i < 7; i++) Assert.True(Math.Abs(s[i] - Math.Pow(10, -2.0 * i)) < 1e-14, $"σ{i} = {s[i]}");
        var w = Linalg.Eigvalsh(a.T.MatMul(a)).ToArray<double>();
        for (int i = 0; i < 7; i++) Assert.True(Math.Abs(w[6 - i] - Math.Pow(10, -4.0 * i)) < 1e-14, $"λ{i} = {w[6 - i]}");
    }

    [Fact]
    public void SvdOfRankDeficientMatrixStillHasOrthonormalFactors()
    {
        var zero = Tensor.Zeros([4, 3], DType.Float64);
        var (u, s, vh) = Linalg.Svd(zero);
        Assert.Equal(0, s.Abs().Max().Item());
        Assert.True(OrthogonalityError(u) < 1e-12);
        Assert.True(OrthogonalityError(vh.T) < 1e-12);
        var rank1 = Tensor.Ones([5, 4], DType.Float64);
        var (u1, s1, vh1) = Linalg.Svd(rank1, fullMatrices: false);
        Assert.Equal(Math.Sqrt(20), s1[0].Item(), 12);
        Assert.True(OrthogonalityError(u1) < 1e-12);
        Assert.True(RelativeError((u1 * s1.Unsqueeze(0)).MatMul(vh1), rank1) < 1e-12);
    }
}
