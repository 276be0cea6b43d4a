namespace Sharpgrad.Data;

/// <summary>
/// ZCA whitening (GBC §12.2.1.1; Bell &amp; Sejnowski, 1997), fitted on training data: x′ = W·(x − μ) with
/// W = U·diag(1/√(λ + ε))·Uᵀ, where μ is the mean sample and Σ = U·diag(λ)·Uᵀ the covariance of the samples.
/// Whitened data have identity covariance (up to ε), which decorrelates neighbouring pixels and brings out edges;
/// of all whitening matrices, ZCA's symmetric W is the one that keeps the data closest to the original, so the
/// results still look like images. Fit once on the training inputs and apply the same transform to every split:
/// <code>var zca = ZcaWhitening.Fit(train.Inputs);</code>
/// A sample of any shape is flattened to D values; the fitted transform accepts one sample of that shape or a
/// batch [N, ...] of them and returns the same shape.
/// <para>
/// The covariance is the maximum-likelihood estimate (divided by N, as Keras's <c>ImageDataGenerator</c>), and
/// the fit runs in float64. The eigendecomposition of the symmetric D×D covariance is <see cref="Linalg.Eigh"/>
/// by default; the other overload takes one as <c>eigh</c> (e.g. a closed form, or a truncated solver), returning (values [D], vectors [D, D]) with eigenvector i in column i, the convention of
/// <c>torch.linalg.eigh</c>. Eigenvalues below 0 (rounding) count as 0; ε keeps directions of (nearly) zero
/// variance from being amplified without bound (Keras's default, 1e-6).
/// </para>
/// </summary>
public sealed class ZcaWhitening : Transform
{
    private readonly int[] sampleShape;
    private readonly (Tensor Mean, Tensor Matrix) float32; // converted once, not per batch

    private ZcaWhitening(int[] sampleShape, Tensor mean, Tensor matrix)
    {
        this.sampleShape = sampleShape;
        Mean = mean;
        Matrix = matrix;
        float32 = (mean.Float(), matrix.Float());
    }

    /// <summary>The shape of one sample the transform was fitted on.</summary>
    public IReadOnlyList<int> SampleShape => sampleShape;

    /// <summary>μ, the mean of the fitted samples, flattened: float64 [D].</summary>
    public Tensor Mean { get; }

    /// <summary>W = Σ^(−1/2) (regularised by ε), symmetric: float64 [D, D].</summary>
    public Tensor Matrix { get; }

    /// <summary>
    /// Fits μ and W on <paramref name="data"/> [N, ...] (N ≥ 2 samples of any shape), decomposing the covariance with
    /// <see cref="Linalg.Eigh"/> (GBC §2.7).
    /// </summary>
    public static ZcaWhitening Fit(Tensor data, double epsilon = 1e-6) => Fit(data, EighOf, epsilon);

    private static (Tensor Values, Tensor Vectors) EighOf(Tensor symmetric)
    {
        var (values, vectors) = Linalg.Eigh(symmetric);
        return (values, vectors);
    }

    /// <summary>
    /// Fits μ and W on <paramref name="data"/> [N, ...] (N ≥ 2 samples of any shape) with the eigendecomposition
    /// <paramref name="eigh"/> of a symmetric matrix.
    /// </summary>
    public static ZcaWhitening Fit(Tensor data, Func<Tensor, (Tensor Values, Tensor Vectors)> eigh, double epsilon = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(eigh);
        if (data.Rank < 2 || data.Size(0) < 2 || !data.DType.IsFloatingPoint())
            throw new ArgumentException(
                $"ZcaWhitening.Fit: expected float data [N, ...] with N ≥ 2 samples, got {data.DType.Name()} of shape {data.ShapeText}.");
        if (!(epsilon >= 0) || !double.IsFinite(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), $"ZcaWhitening.Fit: epsilon must be non-negative and finite, got {epsilon}.");

        int n = data.Size(0), features = data.Count / n;
        using var _ = Autograd.NoGrad();
        var samples = data.Double().Reshape(n, features);
        var mean = samples.Mean(0);
        var centred = samples - mean;
        var covariance = centred.T.MatMul(centred) / n;

        var (values, vectors) = eigh(covariance);
        if (values is null || vectors is null || values.Rank != 1 || values.Size(0) != features
            || vectors.Rank != 2 || vectors.Size(0) != features || vectors.Size(1) != features)
            throw new ArgumentException(
                $"ZcaWhitening.Fit: eigh of the [{features}, {features}] covariance returned values {Describe(values)} and vectors {Describe(vectors)}; expected [{features}] and [{features}, {features}].");
        var inverseRoots = (values.Double().Clamp(min: 0) + epsilon).Rsqrt(); // 1/√(λ + ε)
        var u = vectors.Double();
        var matrix = (u * inverseRoots).MatMul(u.T); // U·diag(1/√(λ+ε))·Uᵀ: scaling U's columns
        return new ZcaWhitening(data.Shape[1..], mean, matrix);
    }

    protected override Tensor ApplyCore(Tensor input, Generator generator)
    {
        int[] shape = input.Shape;
        bool single = shape.AsSpan().SequenceEqual(sampleShape);
        if (!single && !(shape.Length == sampleShape.Length + 1 && shape.AsSpan(1).SequenceEqual(sampleShape)))
            throw new ArgumentException(
                $"ZcaWhitening: fitted on samples of shape [{string.Join(", ", sampleShape)}], so expected one such sample or a batch [N, {string.Join(", ", sampleShape)}], got shape {input.ShapeText}.");
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"ZcaWhitening: expected float32 or float64 input, got {input.DType.Name()}.");
        var (mean, matrix) = input.DType == DType.Float32 ? float32 : (Mean, Matrix);
        var rows = input.Reshape(single ? 1 : shape[0], Mean.Size(0));
        var whitened = (rows - mean).MatMul(matrix); // rows·W = (W·(x − μ))ᵀ since W is symmetric
        return whitened.Reshape(shape);
    }

    private static string Describe(Tensor? t) => t is null ? "null" : t.ShapeText;
}
