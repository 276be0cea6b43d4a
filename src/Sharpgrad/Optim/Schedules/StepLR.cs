namespace Sharpgrad.Optim;

/// <summary>
/// Step decay (torch.optim.lr_scheduler.StepLR): the rate is multiplied by γ every step_size epochs,
/// ε(t) = ε₀·γ^⌊t / step_size⌋.
/// </summary>
public sealed class StepLR : LrScheduler
{
    /// <param name="stepSize">Epochs between decays (≥ 1).</param>
    /// <param name="gamma">The decay factor γ.</param>
    public StepLR(Optimizer optimizer, int stepSize, double gamma = 0.1) : base("StepLR", optimizer)
    {
        StepSize = RequirePositive(Name, "stepSize", stepSize);
        Gamma = RequireNonNegative(Name, "gamma", gamma);
        Start();
    }

    public int StepSize { get; }
    public double Gamma { get; }

    protected internal override double LrAt(int epoch, int group, double baseLr) => baseLr * Math.Pow(Gamma, epoch / StepSize);

    protected internal override IEnumerable<(string Name, double Value)> HyperParameters => [("step_size", StepSize), ("gamma", Gamma)];
}
