namespace Sharpgrad.NN;

/// <summary>
/// A fully connected layer y = x·Wᵀ + b (GBC §6.1), the affine map of one hidden or output layer. The weight is
/// stored [out, in] as in PyTorch, so state dicts are interchangeable, and inputs may have any leading dimensions.
/// </summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    public int InFeatures { get; }
    public int OutFeatures { get; }

    /// <summary>[OutFeatures, InFeatures].</summary>
    public Tensor Weight { get; }

    /// <summary>[OutFeatures], or null when constructed with <c>bias: false</c>.</summary>
    public Tensor? Bias { get; }

    /// <summary>
    /// PyTorch's default initialisation: W ~ U(−1/√in, 1/√in) (Kaiming uniform with a = √5) and b ~ U(−1/√in, 1/√in),
    /// which keeps activations from growing with depth (GBC §8.4).
    /// </summary>
    public Linear(int inFeatures, int outFeatures, bool bias = true, DType dtype = DType.Float32, Generator? generator = null)
    {
        if (inFeatures < 0 || outFeatures < 0)
            throw new ArgumentException($"Linear: feature counts must be non-negative, got in={inFeatures}, out={outFeatures}.");
        if (!dtype.IsFloatingPoint())
            throw new ArgumentException($"Linear: dtype must be float32 or float64, got {dtype.Name()}.");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", Tensor.Zeros([outFeatures, inFeatures], dtype));
        if (inFeatures > 0) Init.KaimingUniform(Weight, a: Math.Sqrt(5), generator: generator);
        if (bias)
        {
            Bias = RegisterParameter("bias", Tensor.Zeros([outFeatures], dtype));
            if (inFeatures > 0)
            {
                double bound = 1 / Math.Sqrt(inFeatures);
                Init.Uniform(Bias, -bound, bound, generator);
            }
        }
    }

    protected override Tensor ForwardCore(Tensor input) => Functional.Linear(input, Weight, Bias);

    protected override string ExtraRepr() => $"in_features={InFeatures}, out_features={OutFeatures}, bias={(Bias is null ? "False" : "True")}";
}
