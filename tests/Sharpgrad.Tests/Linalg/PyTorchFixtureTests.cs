using System.Text.Json;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.LinearAlgebra;

/// <summary>Values and gradients against torch.linalg (Fixtures/linalg.json, made by Fixtures/make_linalg_fixtures.py).</summary>
public class PyTorchFixtureTests
{
    private static readonly JsonElement Root = Fixture.Load("linalg.json");

    private static Tensor In(string name) => Fixture.Tensor(Root.GetProperty("inputs").GetProperty(name));
    private static Tensor Value(string name) => Fixture.Tensor(Root.GetProperty("values").GetProperty(name));
    private static Tensor GradOf(string name) => Fixture.Tensor(Root.GetProperty("grads").GetProperty(name));

    private static void Close(Tensor expected, Tensor actual, double tolerance = 1e-10, string what = "")
    {
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.True(actual.Double().AllClose(expected, rtol: tolerance, atol: tolerance),
            $"{what}\nexpected {expected}\nactual   {actual}");
    }

    [Fact]
    public void SolveInverseAndDeterminantsMatchPyTorch()
    {
        var a = In("A");
        Close(Value("solve"), Linalg.Solve(a, In("B")));
        Close(Value("solve_vector"), Linalg.Solve(a, In("b")));
        Close(Value("inv"), Linalg.Inv(a));
        Close(Value("det"), Linalg.Det(a));
        Close(Value("det_batch"), Linalg.Det(In("batch")));
        var (sign, logAbs) = Linalg.SlogDet(a);
        Close(Value("slogdet_sign"), sign);
        Close(Value("slogdet_logabsdet"), logAbs);
    }

    [Fact]
    public void LuMatchesPyTorchIncludingPivotsAndPermutation()
    {
        // Partial pivoting picks the same rows as LAPACK's getrf, so the factors agree exactly, not just up to P.
        foreach (var name in new[] { "A", "tall", "wide" })
        {
            var (p, l, u) = Linalg.Lu(In(name));
            Close(Value($"lu_{name}_P"), p, what: name);
            Close(Value($"lu_{name}_L"), l, what: name);
            Close(Value($"lu_{name}_U"), u, what: name);
        }
        var (lu, pivots) = Linalg.LuFactor(In("A"));
        Close(Value("lu_factor_LU"), lu);
        Assert.Equal(Value("lu_factor_pivots").ToDoubleArray(), pivots.ToDoubleArray());
    }

    [Fact]
    public void CholeskyQrAndSpectraMatchPyTorch()
    {
        Close(Value("cholesky"), Linalg.Cholesky(In("S")));
        // Householder QR with LAPACK's sign choice (R_jj = −sign(x₀)‖x‖) gives the same Q and R as geqrf.
        foreach (var name in new[] { "tall", "wide" })
        {
            var (q, r) = Linalg.Qr(In(name));
            Close(Value($"qr_{name}_Q"), q, what: name);
            Close(Value($"qr_{name}_R"), r, what: name);
        }
        var (qc, rc) = Linalg.Qr(In("tall"), "complete");
        Close(Value("qr_tall_complete_R"), rc);
        // The last m − n columns of a complete Q are any orthonormal basis of the complement: compare the first n only.
        Close(Value("qr_tall_complete_Q").Narrow(1, 0, 3), qc.Narrow(1, 0, 3));
        Close(Value("eigvalsh_sym"), Linalg.Eigvalsh(In("sym")));
        Close(Value("svdvals_tall"), Linalg.Svdvals(In("tall")));
        Close(Value("svdvals_wide"), Linalg.Svdvals(In("wide")));
    }

    [Fact]
    public void PinvLstsqAndRankMatchPyTorchOnSingularAndRectangularInput()
    {
        foreach (var name in new[] { "deficient", "tall", "singular", "wide" })
            Close(Value($"pinv_{name}"), Linalg.Pinv(In(name)), 1e-9, name);
        var tall = Linalg.Lstsq(In("tall"), In("rhs6"));
        Close(Value("lstsq_tall_solution"), tall.Solution);
        Close(Value("lstsq_tall_residuals"), tall.Residuals);
        Assert.Equal(3, tall.Rank.Item());
        var deficient = Linalg.Lstsq(In("deficient"), In("rhs6"));
        Close(Value("lstsq_deficient_solution"), deficient.Solution, 1e-9);
        Assert.Equal(2, deficient.Rank.Item());
        Assert.Equal(0, deficient.Residuals.Count); // rank-deficient: no residuals, as PyTorch
        Close(Value("lstsq_wide_solution"), Linalg.Lstsq(In("wide"), In("rhs3")).Solution);
        foreach (var name in new[] { "deficient", "singular", "A" })
            Assert.Equal(Value($"matrix_rank_{name}").Item(), Linalg.MatrixRank(In(name)).Item());
    }

    [Fact]
    public void NormsAndConditionNumbersMatchPyTorch()
    {
        foreach (var name in new[] { "A", "tall" })
        {
            Close(Value($"matrix_norm_{name}_fro"), Linalg.MatrixNorm(In(name)));
            Close(Value($"matrix_norm_{name}_nuc"), Linalg.MatrixNorm(In(name), "nuc"));
            foreach (var (key, ord) in new[] { ("1", 1.0), ("-1", -1.0), ("2", 2.0), ("-2", -2.0), ("inf", double.PositiveInfinity), ("-inf", double.NegativeInfinity) })
                Close(Value($"matrix_norm_{name}_{key}"), Linalg.MatrixNorm(In(name), ord), what: $"{name} ord {key}");
        }
        foreach (var (key, ord) in new[] { ("2", 2.0), ("1", 1.0), ("inf", double.PositiveInfinity), ("-inf", double.NegativeInfinity), ("0", 0.0), ("3", 3.0), ("-1", -1.0), ("0.5", 0.5) })
            Close(Value($"vector_norm_{key}"), Linalg.VectorNorm(In("v"), ord), what: $"ord {key}");
        var a = In("A");
        Close(Value("cond_A_None"), Linalg.Cond(a));
        foreach (var (key, p) in new[] { ("1", 1.0), ("-1", -1.0), ("inf", double.PositiveInfinity), ("-inf", double.NegativeInfinity), ("2", 2.0), ("-2", -2.0) })
            Close(Value($"cond_A_{key}"), Linalg.Cond(a, p), 1e-9, $"p {key}");
        Close(Value("cond_A_fro"), Linalg.Cond(a, "fro"), 1e-9);
        Close(Value("cond_A_nuc"), Linalg.Cond(a, "nuc"), 1e-9);
        Close(Value("cond_tall_None"), Linalg.Cond(In("tall")));
    }

    [Fact]
    public void GradientsMatchPyTorchAutograd()
    {
        Close(GradOf("det_A"), Grad(x => Linalg.Det(x), In("A")));
        Close(GradOf("slogdet_A"), Grad(x => Linalg.SlogDet(x).LogAbsDet, In("A")));
        Close(GradOf("inv_A"), Grad(x => (Linalg.Inv(x) * In("W44")).Sum(), In("A")));
        var b = In("B").RequireGrad();
        var a = In("A").RequireGrad();
        (Linalg.Solve(a, b) * In("W42")).Sum().Backward();
        Close(GradOf("solve_A"), a.Grad!);
        Close(GradOf("solve_B"), b.Grad!);
        var eye5 = Tensor.Eye(5, dtype: DType.Float64);
        Close(GradOf("cholesky_X"), Grad(x => (Linalg.Cholesky(x.T.MatMul(x) + 5 * eye5) * In("W55")).Sum(), In("X")));
        Close(GradOf("eigh_X"), Grad(x =>
        {
            var (w, v) = Linalg.Eigh((x + x.T) / 2);
            return (w * In("c5")).Sum() + (v * v * In("W55")).Sum();
        }, In("X")), 1e-8);
        var w36 = In("W36");
        Close(GradOf("svd_tall"), Grad(x => SvdLoss(x, In("W63"), In("W33"), In("c3")), In("tall")), 1e-8);
        Close(GradOf("svd_wide"), Grad(x => SvdLoss(x, In("W33"), w36.Narrow(1, 0, 5) + 0.5, In("c3")), In("wide")), 1e-8);
        Close(GradOf("qr_tall"), Grad(x =>
        {
            var (q, r) = Linalg.Qr(x);
            return (q * In("W63")).Sum() + (r * In("W33")).Sum();
        }, In("tall")));
        Close(GradOf("pinv_tall"), Grad(x => (Linalg.Pinv(x) * w36).Sum(), In("tall")), 1e-8);
    }

    private static Tensor SvdLoss(Tensor x, Tensor wu, Tensor wv, Tensor c)
    {
        var (u, s, vh) = Linalg.Svd(x, fullMatrices: false);
        return (s * c).Sum() + (u * u * wu).Sum() + (vh * vh * wv).Sum();
    }

    private static Tensor Grad(Func<Tensor, Tensor> loss, Tensor input)
    {
        var x = input.Detach().Clone().RequireGrad();
        loss(x).Backward();
        return x.Grad!;
    }
}
