using Sharpgrad.NN;

namespace Sharpgrad.Quantized;

/// <summary>
/// An int8 inference model made by <see cref="Quantization.Convert"/>: float32 input [N, …] is quantised once with the
/// calibrated input scale, every Conv2d and Linear runs as an int8 product with int32 sums requantised to the next
/// layer's scale, and the last layer's codes are dequantised to float32 output. It has no parameters and records no
/// gradients: it cannot be trained, only evaluated.
/// </summary>
public sealed class QuantizedModel : Module<Tensor, Tensor>
{
    private readonly QuantParams input;
    private readonly IReadOnlyList<QuantizedStep> steps;

    internal QuantizedModel(QuantParams input, IReadOnlyList<QuantizedStep> steps)
    {
        (this.input, this.steps) = (input, steps);
        SetTraining(false);
    }

    /// <summary>The input's quantisation.</summary>
    public QuantParams InputQuant => input;

    /// <summary>What each step runs, e.g. "0+1 Conv2d+ReLU (int8)".</summary>
    public IReadOnlyList<string> Steps => [.. steps.Select(s => s.Name)];

    /// <summary>The steps themselves, in order (for tests that inspect their parameters).</summary>
    internal IReadOnlyList<QuantizedStep> StepModules => steps;

    protected override Tensor ForwardCore(Tensor x)
    {
        if (IsTraining)
            throw new InvalidOperationException("QuantizedModel: an int8 model is for inference only and cannot train (Train() was called on it); "
                + "train the float model, then quantise it again with Quantization.PrepareStatic and Convert.");
        if (x.RequiresGrad)
            throw new InvalidOperationException($"QuantizedModel: the input {x.ShapeText} requires grad, but int8 inference records no gradients; "
                + "pass x.Detach(), or differentiate the float model instead.");
        if (!x.DType.IsFloatingPoint() || !x.IsFinite().All())
            throw new ArgumentException($"QuantizedModel: expected a finite floating-point input, got {x.DType.Name()} {x.ShapeText}"
                + (x.DType.IsFloatingPoint() ? " with NaN or infinite values." : "."));
        var codes = QuantizedTensor.Quantize(x, input);
        foreach (var step in steps)
        {
            var next = step.Forward(codes);
            // Codes between steps never leave the model: each goes back to the pool once the next step has read it.
            if (!ReferenceEquals(next.Codes, codes.Codes)) codes.Device.Backend.ReleaseIntegers(codes.Codes);
            codes = next;
        }
        var output = codes.Dequantize();
        codes.Device.Backend.ReleaseIntegers(codes.Codes);
        return output;
    }

    protected override string ExtraRepr() => $"input=({input}), steps=[{string.Join(", ", steps.Select(s => s.Name))}]";
}
