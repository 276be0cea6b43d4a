namespace Sharpgrad.NN;

/// <summary>
/// Parametric ReLU (GBC §6.3.1): a leaky ReLU whose negative slope is learned, either one slope for all elements
/// (<c>numParameters = 1</c>) or one per channel (dim 1 of the input). Its parameter is named "weight", as in PyTorch.
/// </summary>
public sealed class PReLU : Module<Tensor, Tensor>
{
    /// <summary>The learned slopes, shape [numParameters].</summary>
    public Tensor Weight { get; }

    public PReLU(int numParameters = 1, double init = 0.25, DType dtype = DType.Float32)
    {
        if (numParameters < 1) throw new ArgumentException($"PReLU: numParameters must be at least 1, got {numParameters}.");
        Weight = RegisterParameter("weight", Tensor.Full([numParameters], init, dtype));
    }

    protected override Tensor ForwardCore(Tensor input) => Functional.PRelu(input, Weight);

    protected override string ExtraRepr() => $"num_parameters={Weight.Count}";
}
