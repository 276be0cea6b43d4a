namespace Sharpgrad.Tests.Backends;

/// <summary>
/// The linear-algebra primitives (Backend.Linalg.cs) on both backends, beyond the op table's differentiable entries
/// (Det, SlogDet, Solve, Cholesky): the pivots and row order of LU (int64, equal), LU of tall and wide matrices, LuSolve, QR in every mode,
/// triangular solves of every kind, singular and non-positive-definite matrices (the same error on both backends), and
/// strided, batched inputs in both float dtypes.
/// </summary>
public class LinalgConformanceTests
{
    public static TheoryData<int, int> Shapes => new() { { 4, 4 }, { 5, 3 }, { 3, 5 }, { 1, 1 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void LuFactorAndLuAgree(int m, int n)
    {
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        {
            var cpu = OnDevice(Device.Cpu, () => Factor(m, n, dtype));
            var reference = OnDevice(Device.Reference, () => Factor(m, n, dtype));
            Assert.Equal(cpu.Pivots.ToArray<long>(), reference.Pivots.ToArray<long>());
            for (int i = 0; i < 4; i++) Agree(cpu.Parts[i], reference.Parts[i], dtype);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void QrAgreesInEveryMode(int m, int n)
    {
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
            foreach (var mode in new[] { "reduced", "complete", "r" })
            {
                Tensor[] Run()
                {
                    var a = Normal(8, dtype, 2, n, m).Transpose(-2, -1);
                    // The second matrix is upper-triangular with a negative diagonal entry: no reflection is needed,
                    // and R keeps A's signs (LAPACK's convention).
                    a = Tensor.Stack([a.Select(0, 0), Linalg.Triu(a.Select(0, 1)) - 2 * Tensor.Eye(m, n, dtype)]);
                    var (q, r) = Linalg.Qr(a, mode);
                    return [q, r];
                }
                var cpu = OnDevice(Device.Cpu, Run);
                var reference = OnDevice(Device.Reference, Run);
                Agree(cpu[0], reference[0], dtype);
                Agree(cpu[1], reference[1], dtype);
            }
    }

    [Fact]
    public void EighAgreesUpToTheSignOfEachEigenvector()
    {
        // The CPU's tridiagonal QL and the reference's cyclic Jacobi fix no sign for an eigenvector, so each column of
        // V is compared as ±: |v_cpuᵀ v_reference| = 1 for distinct eigenvalues.
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        {
            Tensor[] Run()
            {
                var b = Normal(9, dtype, 3, 5, 5);
                var (values, vectors) = Linalg.Eigh(b + b.Transpose(-2, -1));
                return [values, vectors];
            }
            var cpu = OnDevice(Device.Cpu, Run);
            var reference = OnDevice(Device.Reference, Run);
            Agree(cpu[0], reference[0], dtype);
            Agree(cpu[1].To(Device.Reference).Transpose(-2, -1).MatMul(reference[1]).Abs(), Tensor.Eye(5, dtype: dtype).Expand(3, 5, 5).To(Device.Reference), dtype);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void SvdAgreesUpToTheSignOfEachSingularPair(int m, int n)
    {
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
            foreach (var full in new[] { false, true })
            {
                Tensor[] Run()
                {
                    var (u, s, vh) = Linalg.Svd(Normal(10, dtype, 2, n, m).Transpose(-2, -1), full);
                    return [u, s, vh];
                }
                var cpu = OnDevice(Device.Cpu, Run);
                var reference = OnDevice(Device.Reference, Run);
                int k = Math.Min(m, n);
                Agree(cpu[1], reference[1], dtype);
                // Each uᵢ and vᵢ may flip sign (together); the completed columns of a full U or Vh are any orthonormal
                // basis of the rest, so only the first k are compared.
                var eye = Tensor.Eye(k, dtype: dtype).Expand(2, k, k).To(Device.Reference);
                Agree(cpu[0].To(Device.Reference).Narrow(-1, 0, k).Transpose(-2, -1).MatMul(reference[0].Narrow(-1, 0, k)).Abs(), eye, dtype);
                Agree(cpu[2].To(Device.Reference).Narrow(-2, 0, k).MatMul(reference[2].Narrow(-2, 0, k).Transpose(-2, -1)).Abs(), eye, dtype);
                Assert.Equal(cpu[0].Shape, reference[0].Shape);
                Assert.Equal(cpu[2].Shape, reference[2].Shape);
            }
    }

    [Fact]
    public void LuSolveAgrees()
    {
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        {
            Tensor Run()
            {
                var a = Normal(3, dtype, 2, 4, 4);
                var (lu, pivots) = Linalg.LuFactor(a);
                return Linalg.LuSolve(lu, pivots, Normal(4, dtype, 3, 4).Transpose(0, 1));   // B [4, 3] strided, broadcast over the batch
            }
            Agree(OnDevice(Device.Cpu, Run), OnDevice(Device.Reference, Run), dtype);
        }
    }

    [Theory]
    [InlineData(true, true, false)]
    [InlineData(true, false, false)]
    [InlineData(false, true, true)]
    [InlineData(false, false, true)]
    public void SolveTriangularAgrees(bool upper, bool left, bool unitriangular)
    {
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        {
            Tensor Run()
            {
                // A well-conditioned triangle: a strong diagonal, the rest of the matrix random (and ignored).
                var a = Normal(5, dtype, 2, 4, 4) + Tensor.Eye(4, dtype: dtype) * 4;
                var b = left ? Normal(6, dtype, 4, 2) : Normal(6, dtype, 2, 4);
                return Linalg.SolveTriangular(a.Transpose(-2, -1), b, upper, left, unitriangular);
            }
            Agree(OnDevice(Device.Cpu, Run), OnDevice(Device.Reference, Run), dtype);
        }
    }

    [Fact]
    public void SingularMatricesFailAlikeOnBothBackends()
    {
        // Row 2 = row 0 + row 1: the third pivot vanishes.
        var singular = new double[] { 1, 2, 3, 4, 5, 6, 5, 7, 9 };
        string Message(Device device, Func<Tensor, Tensor> op) => OnDevice(device, () =>
            Assert.Throws<LinalgException>(() => op(Tensor.FromArray(singular, 3, 3))).Message);
        foreach (var op in new Func<Tensor, Tensor>[] { Linalg.Inv, a => Linalg.Solve(a, Tensor.Ones([3, 1], DType.Float64)),
                     a => Linalg.SolveTriangular(Linalg.Triu(a) - Linalg.DiagEmbed(Linalg.Diagonal(a)), Tensor.Ones([3, 1], DType.Float64), upper: true),
                     a => Linalg.Cholesky(a) })
            Assert.Equal(Message(Device.Cpu, op), Message(Device.Reference, op));
    }

    [Fact]
    public void DeterminantsOfSingularAndPermutedMatricesAgree()
    {
        Tensor[] Run()
        {
            // A batch of a singular matrix, a permutation (det −1) and a general one, as a strided view.
            var a = Tensor.FromArray(new double[] { 1, 2, 3, 2, 4, 6, 0, 0, 1, /**/ 0, 1, 0, 1, 0, 0, 0, 0, 1, /**/ 2, -1, 0, 3, 1, 4, -2, 5, 1 }, 3, 3, 3)
                .Transpose(-2, -1);
            var (sign, logAbs) = Linalg.SlogDet(a);
            return [Linalg.Det(a), sign, logAbs];
        }
        var cpu = OnDevice(Device.Cpu, Run);
        var reference = OnDevice(Device.Reference, Run);
        for (int i = 0; i < 3; i++) Agree(cpu[i], reference[i], DType.Float64);
        // det = 0, −1 and (by cofactors along the first row of the third) 2·(1 − 20) + (3 + 8) = −27.
        Assert.Equal([0.0, -1.0, -1.0], reference[1].ToArray<double>().Select(Math.Sign).Select(s => (double)s));
        Assert.True(double.IsNegativeInfinity(reference[2].ToArray<double>()[0]));
    }

    private static (Tensor Pivots, Tensor[] Parts) Factor(int m, int n, DType dtype)
    {
        var a = Normal(1, dtype, 3, n, m).Transpose(-2, -1);   // [3, m, n], strided
        var (lu, pivots) = Linalg.LuFactor(a);
        var (p, l, u) = Linalg.Lu(a);
        return (pivots, [lu, p, l, u]);
    }

    private static Tensor Normal(int seed, DType dtype, params int[] shape) => Tensor.Randn(shape, DType.Float64, new Generator(seed)).To(dtype);

    private static T OnDevice<T>(Device device, Func<T> run)
    {
        using var _ = Device.Use(device);
        return run();
    }

    private static void Agree(Tensor cpu, Tensor reference, DType dtype)
    {
        Assert.Equal(Device.Reference, reference.Device);
        Assert.Equal(cpu.DType, reference.DType);
        BackendAgreement.Close(cpu, reference, BackendAgreement.Tolerance(dtype));
    }
}
