namespace Sharpgrad.NN;

/// <summary>
/// Group normalisation (Wu &amp; He 2018; <see cref="Functional.GroupNorm"/>): standardises each example over groups
/// of <see cref="NumChannels"/>/<see cref="NumGroups"/> channels, then scales and shifts every channel ("weight"
/// ones, "bias" zeros, [C]). Independent of the batch size, so it works where batches are tiny.
/// </summary>
public sealed class GroupNorm : Module<Tensor, Tensor>
{
    public GroupNorm(int numGroups, int numChannels, double eps = 1e-5, bool affine = true, DType dtype = DType.Float32)
    {
        if (numGroups < 1 || numChannels < 1 || numChannels % numGroups != 0)
            throw new ArgumentException($"GroupNorm: {numChannels} channels cannot be split into {numGroups} groups of equal size.");
        if (!(eps > 0)) throw new ArgumentException($"GroupNorm: eps must be positive, got {eps}.");
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"GroupNorm: dtype must be float32 or float64, got {dtype.Name()}.");
        NumGroups = numGroups;
        NumChannels = numChannels;
        Eps = eps;
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones([numChannels], dtype));
            Bias = RegisterParameter("bias", Tensor.Zeros([numChannels], dtype));
        }
    }

    public int NumGroups { get; }
    public int NumChannels { get; }
    public double Eps { get; }
    public Tensor? Weight { get; }
    public Tensor? Bias { get; }

    protected override Tensor ForwardCore(Tensor input)
    {
        if (input.Rank < 2 || input.Size(1) != NumChannels)
            throw new ArgumentException($"GroupNorm: expected an input [N, {NumChannels}, ...], got shape {input.ShapeText}.");
        return Functional.GroupNorm(input, NumGroups, Weight, Bias, Eps);
    }

    protected override string ExtraRepr() => $"{NumGroups}, {NumChannels}, eps={PyRepr.Number(Eps)}, affine={PyRepr.Bool(Weight is not null)}";
}
