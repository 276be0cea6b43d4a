namespace Sharpgrad.Probability;

/// <summary>
/// The multivariate Gaussian N(μ, Σ) over vectors of length n (GBC §3.9.3, eq. 3.23), as
/// torch.distributions.MultivariateNormal(loc, covariance_matrix | precision_matrix | scale_tril). Give exactly one
/// of the covariance Σ, the precision β = Σ⁻¹ or the lower-triangular Cholesky factor L of Σ = L Lᵀ with a positive
/// diagonal. Whichever is given, the distribution works with L: sampling is x = μ + Lε and the log-density needs
/// only triangular solves with L and the log of its diagonal, never Σ⁻¹ or det Σ, which would lose precision.
/// <para>
/// <see cref="Loc"/> is [..., n] and the matrix [..., n, n]; their leading dims broadcast to the batch shape, and
/// the event shape is [n]. Σ must be symmetric (within 1e-6) and positive definite, β positive definite, and L
/// lower-triangular with a positive diagonal; otherwise construction throws with the matrix and the reason.
/// </para>
/// </summary>
public sealed class MultivariateNormal : Distribution
{
    private const string Owner = "MultivariateNormal";

    /// <param name="loc">μ, [..., n].</param>
    /// <param name="covarianceMatrix">Σ, [..., n, n], symmetric positive definite.</param>
    /// <param name="precisionMatrix">β = Σ⁻¹, [..., n, n], symmetric positive definite.</param>
    /// <param name="scaleTril">L with Σ = L Lᵀ, [..., n, n], lower-triangular with a positive diagonal.</param>
    public MultivariateNormal(Tensor loc, Tensor? covarianceMatrix = null, Tensor? precisionMatrix = null, Tensor? scaleTril = null)
        : this(Build(loc, covarianceMatrix, precisionMatrix, scaleTril)) { }

    private MultivariateNormal((Tensor Loc, Tensor ScaleTril) p) : base(p.Loc.Shape[..^1], [p.Loc.Shape[^1]])
    {
        (Loc, ScaleTril) = p;
    }

    /// <summary>The mean μ, [batch..., n].</summary>
    public Tensor Loc { get; }

    /// <summary>L, the lower-triangular Cholesky factor of Σ = L Lᵀ, [batch..., n, n].</summary>
    public Tensor ScaleTril { get; }

    /// <summary>Σ = L Lᵀ.</summary>
    public Tensor CovarianceMatrix => ScaleTril.MatMul(ScaleTril.MT());

    /// <summary>β = Σ⁻¹ = L⁻ᵀ L⁻¹, with L⁻¹ from a triangular solve.</summary>
    public Tensor PrecisionMatrix
    {
        get
        {
            var inverse = Linalg.SolveTriangular(ScaleTril, Identity(ScaleTril), upper: false);
            return inverse.MT().MatMul(inverse);
        }
    }

    private int Dimension => ScaleTril.Shape[^1];

    public override Constraint Support => Constraint.Real;
    public override bool HasRSample => true;
    public override Tensor Mean => Loc;

    /// <summary>The diagonal of Σ = L Lᵀ: Σᵢᵢ = Σⱼ Lᵢⱼ².</summary>
    public override Tensor Variance => ScaleTril.Square().Sum(-1);

    /// <summary>x = μ + Lε with ε ~ N(0, I): the reparameterisation trick (GBC §20.9); Cov[Lε] = L I Lᵀ = Σ.</summary>
    protected override Tensor Draw(int[] sampleShape, Generator generator)
    {
        var eps = Tensor.Randn(ExtendedShape(sampleShape), Loc.DType, generator);
        return Loc + ScaleTril.MatMul(eps.Unsqueeze(-1)).Squeeze(-1);
    }

    /// <summary>
    /// log N(x; μ, Σ) = −½ (x − μ)ᵀ Σ⁻¹ (x − μ) − ½ log det Σ − (n/2) log 2π (GBC eq. 3.23), with
    /// (x − μ)ᵀ Σ⁻¹ (x − μ) = ‖L⁻¹(x − μ)‖² and ½ log det Σ = Σᵢ log Lᵢᵢ.
    /// </summary>
    protected override Tensor LogProbOf(Tensor value) =>
        -0.5 * (Mahalanobis(ScaleTril, value - Loc) + Dimension * Math.Log(2 * Math.PI)) - HalfLogDet(ScaleTril);

    /// <summary>H = (n/2)(1 + log 2π) + ½ log det Σ.</summary>
    public override Tensor Entropy() => 0.5 * Dimension * (1 + Math.Log(2 * Math.PI)) + HalfLogDet(ScaleTril);

    /// <summary>½ log det Σ = log det L = Σᵢ log Lᵢᵢ, [batch...].</summary>
    internal static Tensor HalfLogDet(Tensor scaleTril) => Linalg.Diagonal(scaleTril).Log().Sum(-1);

    /// <summary>
    /// ‖L⁻¹d‖² for d [..., batch..., n] against L [batch..., n, n], giving [..., batch...]. The leading sample dims of
    /// d are moved into columns, so one triangular solve per matrix of the batch covers every sample.
    /// </summary>
    internal static Tensor Mahalanobis(Tensor scaleTril, Tensor difference)
    {
        var dtype = difference.DType == DType.Float64 ? DType.Float64 : scaleTril.DType; // a float64 value promotes, as in Normal
        (scaleTril, difference) = (scaleTril.To(dtype), difference.To(dtype));
        int batchRank = scaleTril.Rank - 2, n = scaleTril.Shape[^1];
        int[] batch = scaleTril.Shape[..^2];
        var d = difference.Expand(ShapeUtil.Broadcast(difference.Shape, [.. batch, n], "MultivariateNormal"));
        int[] leading = d.Shape[..(d.Rank - batchRank - 1)];
        var columns = d.Reshape([-1, .. batch, n]).Permute([.. Enumerable.Range(1, batchRank + 1), 0]); // [batch..., n, S]
        var solved = Linalg.SolveTriangular(scaleTril, columns, upper: false);
        var squared = solved.Square().Sum(-2);                                                           // [batch..., S]
        return squared.Permute([batchRank, .. Enumerable.Range(0, batchRank)]).Reshape([.. leading, .. batch]);
    }

    private static Tensor Identity(Tensor matrix) => Tensor.Eye(matrix.Shape[^1], dtype: matrix.DType);

    /// <summary>μ and L, validated and broadcast to a common batch shape and float dtype.</summary>
    private static (Tensor Loc, Tensor ScaleTril) Build(Tensor loc, Tensor? covariance, Tensor? precision, Tensor? scaleTril)
    {
        ArgumentNullException.ThrowIfNull(loc);
        int given = (covariance is null ? 0 : 1) + (precision is null ? 0 : 1) + (scaleTril is null ? 0 : 1);
        if (given != 1)
            throw new ArgumentException(
                $"{Owner}: give exactly one of covarianceMatrix, precisionMatrix or scaleTril, got {given}.");
        var (name, matrix) = covariance is not null ? ("covarianceMatrix", covariance)
            : precision is not null ? ("precisionMatrix", precision) : ("scaleTril", scaleTril!);
        if (loc.Rank < 1)
            throw new ArgumentException($"{Owner}: loc must have at least one dim (the last one is the event), got shape [].");
        if (matrix.Rank < 2 || matrix.Shape[^1] != matrix.Shape[^2] || matrix.Shape[^1] != loc.Shape[^1])
            throw new ArgumentException(
                $"{Owner}: {name} must be [..., n, n] with n = {loc.Shape[^1]} from loc of shape {loc.ShapeText}, got shape {matrix.ShapeText}.");

        var dtype = loc.DType == DType.Float64 || matrix.DType == DType.Float64 ? DType.Float64 : DType.Float32;
        (loc, matrix) = (loc.To(dtype), matrix.To(dtype));
        Constraint.Real.Validate(loc, $"{Owner}: loc");
        var l = name switch
        {
            "covarianceMatrix" => CholeskyOf(matrix, name),
            "precisionMatrix" => PrecisionToScaleTril(matrix),
            _ => RequireLowerCholesky(matrix),
        };
        int n = loc.Shape[^1];
        int[] batch = ShapeUtil.Broadcast(loc.Shape[..^1], l.Shape[..^2], Owner);
        return (loc.Expand([.. batch, n]), l.Expand([.. batch, n, n]));
    }

    /// <summary>The Cholesky factor of a symmetric positive-definite matrix, or an error naming the matrix.</summary>
    private static Tensor CholeskyOf(Tensor matrix, string name)
    {
        using (Autograd.NoGrad())
        {
            Constraint.Real.Validate(matrix, $"{Owner}: {name}");
            if (!matrix.AllClose(matrix.MT(), rtol: 1e-5, atol: 1e-6))
                throw new ArgumentException(
                    $"{Owner}: {name} of shape {matrix.ShapeText} must be symmetric, got a largest |A − Aᵀ| of " +
                    $"{Constraint.Format((matrix - matrix.MT()).Abs().Max())}.");
        }
        try
        {
            return Linalg.Cholesky(matrix);
        }
        catch (LinalgException e)
        {
            throw new ArgumentException($"{Owner}: {name} must be positive definite ({e.Message}).", e);
        }
    }

    /// <summary>
    /// L with L Lᵀ = β⁻¹ without inverting β, as PyTorch: with J the reversal permutation, Cholesky of JβJ = L_f L_fᵀ
    /// gives β = U Uᵀ with U = J L_f J upper-triangular, so Σ = U⁻ᵀ U⁻¹ and L = U⁻ᵀ, the solution of Uᵀ X = I.
    /// </summary>
    private static Tensor PrecisionToScaleTril(Tensor precision)
    {
        var reversed = Tensor.Arange(precision.Shape[^1] - 1, -1, -1);
        Tensor Flip(Tensor m) => m.IndexSelect(-1, reversed).IndexSelect(-2, reversed);
        var u = Flip(CholeskyOf(Flip(precision), "precisionMatrix"));
        return Linalg.SolveTriangular(u.MT(), Identity(precision), upper: false);
    }

    /// <summary>Throws unless L is lower-triangular with a positive diagonal (torch's lower_cholesky constraint).</summary>
    private static Tensor RequireLowerCholesky(Tensor l)
    {
        using (Autograd.NoGrad())
        {
            var above = Linalg.Triu(l.Detach(), 1);
            if (!above.Eq(0).All())
                throw new ArgumentException(
                    $"{Owner}: scaleTril of shape {l.ShapeText} must be lower-triangular, got a non-zero entry of " +
                    $"{Constraint.Format(above.Abs().Max())} above the diagonal.");
        }
        Constraint.Positive.Validate(Linalg.Diagonal(l), $"{Owner}: the diagonal of scaleTril");
        return l;
    }
}
