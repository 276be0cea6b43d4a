using Sharpgrad.NN;

namespace Sharpgrad.Quantized;

/// <summary>
/// A float model made ready for post-training static quantisation (<see cref="Quantization.PrepareStatic"/>): its
/// forward pass is the float model's, in eval mode and without recording gradients, and it records the range of the
/// input and of every layer output that will be requantised. Run it on a few representative batches, then
/// <see cref="Quantization.Convert"/> it.
/// </summary>
public sealed class PreparedModel : Module<Tensor, Tensor>
{
    private readonly Sequential model;
    internal MinMaxObserver InputObserver { get; } = new("the model input");
    internal IReadOnlyList<CalibrationStage> Stages { get; }

    internal PreparedModel(Sequential model, IReadOnlyList<CalibrationStage> stages) => (this.model, Stages) = (model, stages);

    /// <summary>How many calibration batches have been run.</summary>
    public int CalibrationBatches { get; private set; }

    protected override Tensor ForwardCore(Tensor input)
    {
        using var grad = Autograd.NoGrad();
        using var mode = model.EvalScope();
        InputObserver.Observe(input);
        var x = input;
        foreach (var stage in Stages) x = stage.Forward(x);
        CalibrationBatches++;
        return x;
    }

    protected override string ExtraRepr() => $"stages=[{string.Join(", ", Stages.Select(s => s.Name))}], calibration_batches={CalibrationBatches}";
}
