namespace Sharpgrad.Probability;

/// <summary>
/// Hamiltonian Monte Carlo (Duane et al. 1987; Neal 2011, "MCMC using Hamiltonian dynamics"): treat −log p(x) as a
/// potential energy, give x a random Gaussian momentum r, and follow Hamilton's equations with
/// <see cref="LeapfrogSteps"/> leapfrog steps of size <see cref="StepSize"/>:
/// r ← r + ½ε∇log p(x); then L times x ← x + εr, r ← r + ε∇log p(x) (the last a half step). The endpoint is
/// accepted with probability min(1, exp(H(x, r) − H(x′, r′))), H = −log p(x) + ½‖r‖², which corrects the
/// integrator's error exactly. ∇log p comes from autograd, so <c>logDensity</c> must be written with differentiable
/// tensor ops; it may be unnormalised. Following gradients lets HMC take long steps that a random walk
/// (GBC §17.3) would rarely get accepted.
/// </summary>
public sealed class HamiltonianMonteCarlo
{
    private const string Op = "HamiltonianMonteCarlo";
    private readonly Func<Tensor, Tensor> logDensity;

    public HamiltonianMonteCarlo(Func<Tensor, Tensor> logDensity, double stepSize, int leapfrogSteps)
    {
        if (!(stepSize > 0) || double.IsInfinity(stepSize))
            throw new ArgumentOutOfRangeException(nameof(stepSize), $"{Op}: stepSize must be positive and finite, got {stepSize}.");
        if (leapfrogSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(leapfrogSteps), $"{Op}: leapfrogSteps must be at least 1, got {leapfrogSteps}.");
        this.logDensity = logDensity;
        StepSize = stepSize;
        LeapfrogSteps = leapfrogSteps;
    }

    /// <summary>The leapfrog step size ε.</summary>
    public double StepSize { get; }

    /// <summary>The number L of leapfrog steps per proposal; the trajectory has length εL.</summary>
    public int LeapfrogSteps { get; }

    /// <summary>Runs the chain from <paramref name="initial"/> (a float tensor) and keeps the states after the burn-in.</summary>
    public McmcResult Run(Tensor initial, int numSamples, Generator? generator = null, int burnIn = 0)
    {
        if (!initial.DType.IsFloatingPoint())
            throw new ArgumentException($"{Op}: the state must be a float tensor, got {initial.DType.Name()}.");
        var start = Evaluate(initial);
        MarkovChain.RequireStart(start.LogP, Op);
        var samples = new List<Tensor>(numSamples);
        double rate = MarkovChain.Run(start, numSamples, burnIn, generator ?? Generator.Default, Step, s => samples.Add(s.X), Op);
        return new McmcResult(Tensor.Stack(samples), rate);
    }

    private (Point State, bool Accepted) Step(Point current, Generator generator)
    {
        var momentum = Tensor.Randn(current.X.Shape, current.X.DType, generator);
        var r = momentum + 0.5 * StepSize * current.Gradient;
        var end = current;
        for (int step = 1; step <= LeapfrogSteps; step++)
        {
            end = Evaluate(end.X + StepSize * r);
            r = r + (step < LeapfrogSteps ? StepSize : 0.5 * StepSize) * end.Gradient;
        }
        double currentEnergy = -current.LogP + 0.5 * momentum.Square().Sum().Item();
        double proposedEnergy = -end.LogP + 0.5 * r.Square().Sum().Item();
        return MarkovChain.Accept(currentEnergy - proposedEnergy, generator) ? (end, true) : (current, false);
    }

    /// <summary>A state with its log-density and the gradient ∇ₓ log p(x), by backpropagation.</summary>
    private readonly record struct Point(Tensor X, double LogP, Tensor Gradient);

    private Point Evaluate(Tensor x)
    {
        using var _ = Autograd.EnableGrad();
        var leaf = x.Detach().RequireGrad();
        var logP = logDensity(leaf);
        if (logP.Count != 1)
            throw new ArgumentException($"{Op}: logDensity must return a single value, got shape {ShapeUtil.Format(logP.Shape)} for a state of shape {ShapeUtil.Format(x.Shape)}.");
        var gradient = logP.RequiresGrad ? Autograd.Grad([logP.Sum()], [leaf], allowUnused: true)[0] : Tensor.ZerosLike(leaf);
        return new Point(leaf.Detach(), logP.Item(), gradient.Detach());
    }
}
