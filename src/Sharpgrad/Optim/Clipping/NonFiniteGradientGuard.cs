namespace Sharpgrad.Optim;

/// <summary>
/// Wraps an optimiser's step with a check for NaN and ±∞ gradients (GBC §10.11.1). A single overflowing batch
/// would otherwise write NaN into every parameter and into the optimiser's moment estimates, ending the run.
/// <code>
/// var guard = new NonFiniteGradientGuard(opt);
/// guard.NonFiniteGradient += report =&gt; Console.WriteLine(report);
/// opt.ZeroGrad(); loss.Backward(); ClipGradients.ByNorm(model.Parameters(), 1.0);
/// if (!guard.Step()) skipped++;       // instead of opt.Step()
/// </code>
/// When every gradient is finite, <see cref="Step"/> runs the optimiser's step and returns true. Otherwise it does
/// the configured <see cref="NonFiniteGradientAction"/> instead, clears the gradients, raises
/// <see cref="NonFiniteGradient"/> with a <see cref="NonFiniteGradientReport"/>, and returns false.
/// </summary>
public sealed class NonFiniteGradientGuard
{
    private readonly Generator generator;

    /// <param name="action">Skip the step (default) or take a random step of norm <paramref name="randomStepNorm"/>.</param>
    /// <param name="randomStepNorm">v, the norm of the random step (over all parameters together).</param>
    /// <param name="generator">The random directions' source (default: a new generator with seed 0, so runs repeat).</param>
    public NonFiniteGradientGuard(Optimizer optimizer, NonFiniteGradientAction action = NonFiniteGradientAction.Skip,
        double randomStepNorm = 1e-3, Generator? generator = null)
    {
        if (!(randomStepNorm > 0) || !double.IsFinite(randomStepNorm))
            throw new ArgumentException($"NonFiniteGradientGuard: randomStepNorm must be finite and positive, got {randomStepNorm}.");
        if (!Enum.IsDefined(action)) throw new ArgumentException($"NonFiniteGradientGuard: unknown action {action}.");
        Optimizer = optimizer;
        Action = action;
        RandomStepNorm = randomStepNorm;
        this.generator = generator ?? new Generator(0);
    }

    public Optimizer Optimizer { get; }
    public NonFiniteGradientAction Action { get; }
    public double RandomStepNorm { get; }

    /// <summary>How many times <see cref="Step"/> was called.</summary>
    public long Steps { get; private set; }

    /// <summary>How many of those steps found a non-finite gradient (and so did not run the optimiser).</summary>
    public long NonFiniteSteps { get; private set; }

    /// <summary>The report of the latest step that found a non-finite gradient; null until one does.</summary>
    public NonFiniteGradientReport? LastReport { get; private set; }

    /// <summary>Raised for every step whose gradient held NaN or ±∞, after the action was taken.</summary>
    public event Action<NonFiniteGradientReport>? NonFiniteGradient;

    /// <summary>The optimiser's step if every gradient is finite (returns true); otherwise the guard's action (false).</summary>
    public bool Step()
    {
        Steps++;
        var parameters = Optimizer.ParamGroups.SelectMany(g => g.Params).ToList();
        var bad = new List<int>();
        long nanCount = 0, infinityCount = 0;
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Grad is not { } g) continue;
            long nan = g.Ne(g).Long().Sum().Item<long>(); // NaN is the only value not equal to itself
            long infinite = g.Abs().Eq(double.PositiveInfinity).Long().Sum().Item<long>();
            if (nan + infinite == 0) continue;
            bad.Add(i);
            nanCount += nan;
            infinityCount += infinite;
        }
        if (bad.Count == 0)
        {
            Optimizer.Step();
            return true;
        }

        NonFiniteSteps++;
        if (Action == NonFiniteGradientAction.RandomStep) TakeRandomStep(parameters);
        foreach (var p in parameters) p.Grad = null; // nobody should step with these gradients later
        LastReport = new NonFiniteGradientReport(Steps, Action, bad, nanCount, infinityCount);
        NonFiniteGradient?.Invoke(LastReport);
        return false;
    }

    /// <summary>θ ← θ + v·u for a direction u drawn uniformly on the unit sphere (a normalised Gaussian vector).</summary>
    private void TakeRandomStep(List<Tensor> parameters)
    {
        using var noGrad = Autograd.NoGrad();
        var noise = parameters.Select(p => Tensor.Randn(p.Shape, p.DType, generator)).ToList();
        double norm = Math.Sqrt(noise.Sum(n => n.Square().Sum().Item()));
        for (int i = 0; i < parameters.Count; i++) parameters[i].AddInPlace(noise[i], RandomStepNorm / norm);
    }
}
