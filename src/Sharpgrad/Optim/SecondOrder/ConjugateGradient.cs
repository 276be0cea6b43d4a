namespace Sharpgrad.Optim;

/// <summary>
/// Nonlinear conjugate gradient (GBC §8.6.2, Alg. 8.9; Nocedal &amp; Wright Alg. 5.4): each direction is the steepest-descent
/// direction plus a multiple of the previous one,
/// <code>
/// dₜ = −gₜ + βₜ dₜ₋₁      Fletcher–Reeves βₜ = ‖gₜ‖²/‖gₜ₋₁‖²,  Polak–Ribière βₜ = max(0, (gₜ − gₜ₋₁)ᵀgₜ/‖gₜ₋₁‖²)
/// </code>
/// followed by a line search along dₜ. On a quadratic with exact line searches the directions are conjugate
/// (dᵢᵀA dⱼ = 0), so the minimum of a k-dimensional quadratic is reached in at most k iterations; on other functions
/// the method restarts with dₜ = −gₜ every restart_every iterations (and whenever dₜ fails to point downhill), since
/// conjugacy is lost as the curvature changes. Some printings of GBC Alg. 8.9 write the direction with +∇J; the
/// descent direction is −∇J.
/// <para>
/// The loop, stopping rules and strong-Wolfe line search are shared with <see cref="LBFGS"/> (see
/// <see cref="LineSearchOptimizer"/>). The line search's curvature constant c₂ defaults to 0.1 (N&amp;W §5.2: CG
/// needs c₂ &lt; ½; smaller is closer to an exact line search). After the first iteration the trial step is
/// t_prev·(∇f_prevᵀd_prev)/(∇fᵀd) (N&amp;W eq. 3.60), since CG directions carry no natural step length.
/// </para>
/// </summary>
public sealed class ConjugateGradient : LineSearchOptimizer
{
    /// <param name="beta">Fletcher–Reeves or Polak–Ribière (PR+, the default: it recovers better from poor steps).</param>
    /// <param name="restartEvery">Restart with steepest descent every this many iterations; default n, the number of
    /// parameters (a quadratic needs at most n conjugate directions).</param>
    /// <param name="lr">The trial step of the first iteration (scaled by min(1, 1/‖∇f‖₁) as in L-BFGS).</param>
    /// <param name="maxIter">Iterations per step.</param>
    /// <param name="maxEval">Loss evaluations per step (default max_iter·5/4).</param>
    /// <param name="toleranceGrad">Stop when max|∇f| ≤ this.</param>
    /// <param name="toleranceChange">Stop when the step or the change in loss is below this.</param>
    /// <param name="c2">The curvature constant of the strong Wolfe conditions, in (0, 1). The theory of Wolfe steps
    /// assumes c₁ = 1e-4 &lt; c₂; a tiny c₂ asks for a zero slope, i.e. an (almost) exact line search.</param>
    public ConjugateGradient(IEnumerable<Tensor> parameters, ConjugateGradientBeta beta = ConjugateGradientBeta.PolakRibiere,
        int? restartEvery = null, double lr = 1, int maxIter = 20, int? maxEval = null, double toleranceGrad = 1e-7,
        double toleranceChange = 1e-9, double c2 = 0.1)
        : this(parameters.ToList(), beta, restartEvery, lr, maxIter, maxEval, toleranceGrad, toleranceChange, c2)
    {
    }

    private ConjugateGradient(List<Tensor> parameters, ConjugateGradientBeta beta, int? restartEvery, double lr, int maxIter,
        int? maxEval, double toleranceGrad, double toleranceChange, double c2)
        : base("ConjugateGradient", parameters, lr, maxIter, maxEval, toleranceGrad, toleranceChange,
            [("beta", (double)beta), ("restart_every", restartEvery ?? parameters.Sum(p => p.Count)), ("c2", c2)], LineSearch.StrongWolfe)
    {
    }

    protected override void Validate(ParamGroup group)
    {
        base.Validate(group);
        RequireInteger(group, "restart_every", 1);
        if (!(group["c2"] > 0 && group["c2"] < 1))
            throw new ArgumentException($"ConjugateGradient: invalid c2 = {group["c2"]}; expected 0 < c2 < 1.");
        if (group["beta"] is not ((double)ConjugateGradientBeta.FletcherReeves or (double)ConjugateGradientBeta.PolakRibiere))
            throw new ArgumentException($"ConjugateGradient: invalid beta = {group["beta"]}; expected 0 (Fletcher–Reeves) or 1 (Polak–Ribière).");
        if (group["line_search_fn"] != (double)LineSearch.StrongWolfe)
            throw new ArgumentException("ConjugateGradient: needs the strong-Wolfe line search (line_search_fn = 1); conjugacy depends on near-exact steps.");
    }

    protected override double CurvatureConstant(ParamGroup group) => group["c2"];

    protected override void AddMethodState(ParameterState state, ParamGroup group, int n, DType dtype)
    {
    }

    protected override Tensor Direction(ParamGroup group, ParameterState state, Tensor gradient, bool first)
    {
        long iteration = (long)state["n_iter"].Item(); // counts this iteration, from 1
        if (first || (iteration - 1) % (long)group["restart_every"] == 0) return -gradient;

        var previous = state["prev_flat_grad"];
        double previousNormSquared = previous.Dot(previous).Item();
        double beta = (ConjugateGradientBeta)group["beta"] == ConjugateGradientBeta.FletcherReeves
            ? gradient.Dot(gradient).Item() / previousNormSquared
            : Math.Max(0, (gradient - previous).Dot(gradient).Item() / previousNormSquared);
        var d = -gradient + state["d"] * beta;
        return d.Dot(gradient).Item() < 0 ? d : -gradient; // not downhill (possible with inexact searches): restart
    }

    protected override double InitialStep(ParamGroup group, ParameterState state, Tensor gradient, Tensor direction, bool first)
    {
        if (first) return base.InitialStep(group, state, gradient, direction, first);
        double previousSlope = state["prev_flat_grad"].Dot(state["d"]).Item(), slope = gradient.Dot(direction).Item();
        double t = state["t"].Item() * previousSlope / slope; // N&W eq. 3.60: expect the same first-order decrease as last time
        return double.IsFinite(t) && t > 0 ? t : group.Lr;
    }
}
