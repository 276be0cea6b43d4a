using static Sharpgrad.Tests.LinearAlgebra.TestMatrices;

namespace Sharpgrad.Tests.LinearAlgebra;

/// <summary>Float32 in gives float32 out, as accurate as its precision allows; a batch gives what each matrix gives alone.</summary>
public class DTypeAndBatchTests
{
    [Fact]
    public void Float32InputsGiveFloat32ResultsCloseToFloat64()
    {
        var a64 = Random([4, 4], DType.Float64, seed: 1) + 3 * Tensor.Eye(4, dtype: DType.Float64);
        var b64 = Random([4, 2], DType.Float64, seed: 2);
        var a32 = a64.Float();
        var b32 = b64.Float();
        var pairs = new (string Name, Tensor F32, Tensor F64)[]
        {
            ("Solve", Linalg.Solve(a32, b32), Linalg.Solve(a64, b64)),
            ("Inv", Linalg.Inv(a32), Linalg.Inv(a64)),
            ("Det", Linalg.Det(a32), Linalg.Det(a64)),
            ("SlogDet", Linalg.SlogDet(a32).LogAbsDet, Linalg.SlogDet(a64).LogAbsDet),
            ("Cholesky", Linalg.Cholesky(a32.T.MatMul(a32)), Linalg.Cholesky(a64.T.MatMul(a64))),
            ("Eigvalsh", Linalg.Eigvalsh(a32 + a32.T), Linalg.Eigvalsh(a64 + a64.T)),
            ("Svdvals", Linalg.Svdvals(a32), Linalg.Svdvals(a64)),
            ("Qr.R", Linalg.Qr(a32).R, Linalg.Qr(a64).R),
            ("Lu.U", Linalg.Lu(a32).U, Linalg.Lu(a64).U),
            ("Pinv", Linalg.Pinv(a32), Linalg.Pinv(a64)),
            ("Lstsq", Linalg.Lstsq(a32, b32).Solution, Linalg.Lstsq(a64, b64).Solution),
            ("MatrixNorm 2", Linalg.MatrixNorm(a32, 2), Linalg.MatrixNorm(a64, 2)),
            ("Cond", Linalg.Cond(a32), Linalg.Cond(a64)),
            ("Trace", Linalg.Trace(a32), Linalg.Trace(a64)),
        };
        foreach (var (name, f32, f64) in pairs)
        {
            Assert.True(f32.DType == DType.Float32, name);
            Assert.True(f32.AllClose(f64, rtol: 1e-5, atol: 1e-5), $"{name}: {f32} vs {f64}");
        }
        Assert.Equal(DType.Int64, Linalg.MatrixRank(a32).DType);
        Assert.Equal(DType.Int64, Linalg.LuFactor(a32).Pivots.DType);
    }

    [Fact]
    public void BatchedOpsAgreeWithEachMatrixAlone()
    {
        var a = Random([2, 3, 4, 4], DType.Float64, seed: 3) + 3 * Tensor.Eye(4, dtype: DType.Float64);
        var b = Random([4, 2], DType.Float64, seed: 4); // broadcast over the whole batch
        var x = Linalg.Solve(a, b);
        var det = Linalg.Det(a);
        var s = Linalg.Svdvals(a);
        var w = Linalg.Eigvalsh(a + a.Transpose(-2, -1));
        var inv = Linalg.Inv(a);
        Assert.Equal([2, 3, 4, 2], x.Shape);
        Assert.Equal([2, 3], det.Shape);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
            {
                var single = a[i, j];
                Assert.True(x[i, j].AllClose(Linalg.Solve(single, b), 1e-14, 1e-14));
                Assert.Equal(Linalg.Det(single).Item(), det[i, j].Item(), 12);
                Assert.True(s[i, j].AllClose(Linalg.Svdvals(single), 1e-14, 1e-14));
                Assert.True(w[i, j].AllClose(Linalg.Eigvalsh(single + single.T), 1e-14, 1e-14));
                Assert.True(inv[i, j].AllClose(Linalg.Inv(single), 1e-14, 1e-14));
            }
        // A vector right-hand side per matrix: B of A's shape without the last dim.
        var v = Random([2, 3, 4], DType.Float64, seed: 5);
        var xv = Linalg.Solve(a, v);
        Assert.Equal([2, 3, 4], xv.Shape);
        Assert.True(a.MatMul(xv.Unsqueeze(-1)).Squeeze(-1).AllClose(v, 1e-12, 1e-12));
    }
}
