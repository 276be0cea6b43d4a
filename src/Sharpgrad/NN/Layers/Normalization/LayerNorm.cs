namespace Sharpgrad.NN;

/// <summary>
/// Layer normalisation (Ba et al. 2016; <see cref="Functional.LayerNorm"/>): standardises each example over its
/// trailing <see cref="NormalizedShape"/> dims, then applies an element-wise scale ("weight", ones) and shift
/// ("bias", zeros) of that shape. It keeps no running statistics and acts the same in training and evaluation.
/// </summary>
public sealed class LayerNorm : Module<Tensor, Tensor>
{
    public LayerNorm(int normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, DType dtype = DType.Float32)
        : this([normalizedShape], eps, elementwiseAffine, dtype)
    {
    }

    public LayerNorm(int[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, DType dtype = DType.Float32)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        if (normalizedShape.Length == 0 || normalizedShape.Any(s => s < 1))
            throw new ArgumentException($"LayerNorm: the normalized shape must be non-empty with positive sizes, got [{string.Join(", ", normalizedShape)}].");
        if (!(eps > 0)) throw new ArgumentException($"LayerNorm: eps must be positive, got {eps}.");
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"LayerNorm: dtype must be float32 or float64, got {dtype.Name()}.");
        NormalizedShape = (int[])normalizedShape.Clone();
        Eps = eps;
        if (elementwiseAffine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(NormalizedShape, dtype));
            Bias = RegisterParameter("bias", Tensor.Zeros(NormalizedShape, dtype));
        }
    }

    public int[] NormalizedShape { get; }
    public double Eps { get; }

    /// <summary>Scale of shape <see cref="NormalizedShape"/>; null without element-wise affine.</summary>
    public Tensor? Weight { get; }

    /// <summary>Shift of shape <see cref="NormalizedShape"/>; null without element-wise affine.</summary>
    public Tensor? Bias { get; }

    protected override Tensor ForwardCore(Tensor input) => Functional.LayerNorm(input, NormalizedShape, Weight, Bias, Eps);

    protected override string ExtraRepr() =>
        $"({string.Join(", ", NormalizedShape)}{(NormalizedShape.Length == 1 ? "," : "")}), eps={PyRepr.Number(Eps)}, elementwise_affine={PyRepr.Bool(Weight is not null)}";
}
