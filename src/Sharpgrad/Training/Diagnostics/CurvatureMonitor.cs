using Sharpgrad.NN;
namespace Sharpgrad.Training;

/// <summary>
/// Computes gᵀg and gᵀHg on a fixed probe batch at the end of every epoch (GBC §8.2.1, Fig. 8.1: during training gᵀg
/// often does not shrink while gᵀHg grows by orders of magnitude, so the learning rate must shrink to compensate).
/// The model is evaluated in eval mode so that dropout does not make the numbers random.
/// </summary>
public sealed class CurvatureMonitor(Tensor probeInput, Tensor probeTarget) : ITrainingCallback
{
    private readonly List<(int Epoch, CurvatureReport Report)> records = [];

    public Tensor ProbeInput { get; } = probeInput ?? throw new ArgumentNullException(nameof(probeInput));

    public Tensor ProbeTarget { get; } = probeTarget ?? throw new ArgumentNullException(nameof(probeTarget));

    /// <summary>(epoch, report with ε = the learning rate at the end of the epoch), in order.</summary>
    public IReadOnlyList<(int Epoch, CurvatureReport Report)> Records => records;

    public void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        using var modes = context.Model.PreserveModes();
        context.Model.Eval();
        var loss = context.Objective.LossFunction(context.Model.Forward(ProbeInput), ProbeTarget);
        records.Add((record.Epoch, Curvature.GradientCurvature(loss, context.Parameters, record.LearningRate)));
    }
}
