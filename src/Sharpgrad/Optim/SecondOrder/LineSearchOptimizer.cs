namespace Sharpgrad.Optim;

/// <summary>
/// The common loop of methods that pick a descent direction d and then a step t along it (Nocedal &amp; Wright ch. 3;
/// GBC §8.6): L-BFGS, BFGS and nonlinear conjugate gradient. They see all parameters as one vector θ, need the loss
/// at several points per step and so take a closure, as in PyTorch: <c>opt.Step(closure)</c>, where the closure
/// zeroes the gradients, computes the loss, calls Backward and returns the loss.
/// <para>
/// One <see cref="Step(Func{Tensor})"/> runs up to max_iter iterations of
/// <code>
/// d ← Direction(∇f)                      (the method: L-BFGS two-loop recursion, BFGS's H·∇f, CG's −∇f + βd)
/// t ← InitialStep                        (lr; the very first iteration uses min(1, 1/‖∇f‖₁)·lr)
/// t ← strong-Wolfe line search from t    (or keep t without a line search)
/// θ ← θ + t·d
/// </code>
/// and stops early when max|∇f| ≤ tolerance_grad, when the step or the change in loss falls below
/// tolerance_change, or after max_eval evaluations. This is PyTorch's <c>LBFGS.step</c> with the direction made
/// pluggable, so L-BFGS reproduces PyTorch's iterates and the other two methods share the loop and the line search.
/// </para>
/// <para>
/// State, kept on the first parameter as in PyTorch: "func_evals" and "n_iter" (running totals), "d" and "t" (the
/// last direction and step), "prev_flat_grad" and "prev_loss", plus whatever the method adds.
/// </para>
/// </summary>
public abstract class LineSearchOptimizer : Optimizer
{
    private readonly FlatParameters flat;

    /// <param name="name">The optimiser's name, used in messages.</param>
    /// <param name="lr">The initial trial step (1 suits quasi-Newton directions, whose natural step is 1).</param>
    /// <param name="maxIter">Iterations per <see cref="Step(Func{Tensor})"/>.</param>
    /// <param name="maxEval">Loss evaluations per step; PyTorch's default is max_iter·5/4.</param>
    /// <param name="toleranceGrad">Stop when max|∇f| ≤ this (first-order optimality).</param>
    /// <param name="toleranceChange">Stop when the step or the change in loss is below this.</param>
    /// <param name="methodOptions">The method's own options, stored between tolerance_change and line_search_fn.</param>
    /// <param name="lineSearch">The step rule.</param>
    protected LineSearchOptimizer(string name, IEnumerable<Tensor> parameters, double lr, int maxIter, int? maxEval,
        double toleranceGrad, double toleranceChange, IEnumerable<(string Option, double Value)> methodOptions, LineSearch lineSearch)
        : base(name, parameters,
        [
            ("lr", lr), ("max_iter", maxIter), ("max_eval", maxEval ?? maxIter * 5 / 4), ("tolerance_grad", toleranceGrad),
            ("tolerance_change", toleranceChange), .. methodOptions, ("line_search_fn", (double)lineSearch),
        ])
    {
        flat = new FlatParameters(name, ParamGroups[0].Params);
    }

    /// <summary>n, the number of scalars in all parameters together.</summary>
    protected int ParameterCount => flat.Count;

    protected sealed override bool SupportsParamGroups => false;

    protected override void Validate(ParamGroup group)
    {
        RequireNonNegative(group, "lr", "tolerance_grad", "tolerance_change");
        RequireInteger(group, "max_iter", 1);
        RequireInteger(group, "max_eval", 1);
        if (group["line_search_fn"] is not ((double)LineSearch.None or (double)LineSearch.StrongWolfe))
            throw new ArgumentException($"{Name}: invalid line_search_fn = {group["line_search_fn"]}; expected 0 (none) or 1 (strong Wolfe).");
    }

    protected sealed override ParameterState CreateState(Tensor parameter, ParamGroup group)
    {
        int n = group.Params.Sum(p => p.Count);
        var dtype = parameter.DType;
        var state = new ParameterState
        {
            ["func_evals"] = ParameterState.NewCounter(),
            ["n_iter"] = ParameterState.NewCounter(),
            ["d"] = Tensor.Zeros([n], dtype),
            ["t"] = Tensor.Scalar(0, DType.Float64),
            ["prev_flat_grad"] = Tensor.Zeros([n], dtype),
            ["prev_loss"] = Tensor.Scalar(0, DType.Float64),
        };
        AddMethodState(state, group, n, dtype);
        return state;
    }

    /// <summary>Adds the method's own state entries (fixed shapes, so a state dict can be checked on loading).</summary>
    protected abstract void AddMethodState(ParameterState state, ParamGroup group, int n, DType dtype);

    /// <summary>
    /// The search direction at the current point, whose flat gradient is <paramref name="gradient"/>. The state still
    /// describes the previous iteration: "d" and "t" are its direction and step, "prev_flat_grad" its gradient, and
    /// "n_iter" already counts this iteration. <paramref name="first"/> is true at the very first iteration.
    /// </summary>
    protected abstract Tensor Direction(ParamGroup group, ParameterState state, Tensor gradient, bool first);

    /// <summary>
    /// The first trial step along <paramref name="direction"/> (the state still describes the previous iteration).
    /// PyTorch's rule: lr, except at the very first iteration, where the gradient's scale is unknown and the step is
    /// shortened to min(1, 1/‖∇f‖₁)·lr.
    /// </summary>
    protected virtual double InitialStep(ParamGroup group, ParameterState state, Tensor gradient, Tensor direction, bool first) =>
        first ? Math.Min(1, 1 / gradient.Abs().Sum().Item()) * group.Lr : group.Lr;

    /// <summary>The curvature constant c₂ of the strong Wolfe conditions; PyTorch's 0.9 suits quasi-Newton methods.</summary>
    protected virtual double CurvatureConstant(ParamGroup group) => 0.9;

    /// <summary>The sufficient-decrease constant c₁ of the Wolfe conditions (PyTorch's value).</summary>
    protected const double SufficientDecreaseConstant = 1e-4;

    /// <summary>The latest curvature pair: the step s = t·d and the change in gradient y = ∇f − ∇f_prev
    /// (N&amp;W eq. 6.5). Quasi-Newton methods build their Hessian approximations from these.</summary>
    protected static (Tensor S, Tensor Y) CurvaturePair(ParameterState state, Tensor gradient) =>
        (state["d"] * state["t"].Item(), gradient - state["prev_flat_grad"]);

    /// <summary>These methods evaluate the loss several times per step; call <see cref="Step(Func{Tensor})"/>.</summary>
    public sealed override void Step() => throw new InvalidOperationException(
        $"{Name}.Step: needs a closure that re-evaluates the loss (it zeroes the gradients, computes the loss, calls Backward " +
        "and returns the loss); call Step(closure).");

    public sealed override Tensor Step(Func<Tensor> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        var group = ParamGroups[0];
        var stopping = new LineSearchStopping((int)group["max_iter"], (int)group["max_eval"], group["tolerance_grad"], group["tolerance_change"]);
        bool lineSearch = group["line_search_fn"] == (double)LineSearch.StrongWolfe;
        var state = StateFor(flat.First, group);
        using var noGrad = Autograd.NoGrad();

        var originalLoss = EvaluateClosure(closure);
        double loss = LossValue(originalLoss);
        int currentEvals = 1;
        AddTo(state["func_evals"], 1);
        var flatGrad = flat.Gradient();
        if (stopping.IsOptimal(MaxAbs(flatGrad)))
        {
            state.IsNew = false;
            return originalLoss; // already optimal
        }

        int nIter = 0;
        while (nIter < stopping.MaxIter)
        {
            nIter++;
            bool first = AddTo(state["n_iter"], 1) == 1;

            var d = Direction(group, state, flatGrad, first);
            double t = InitialStep(group, state, flatGrad, d, first);
            state["d"].CopyFrom(d);
            state["t"].Fill(t);
            state["prev_flat_grad"].CopyFrom(flatGrad);
            double prevLoss = loss;
            state["prev_loss"].Fill(loss);

            double gtd = flatGrad.Dot(d).Item(); // the slope along d
            if (stopping.IsNotDescent(gtd)) break;

            int lsEvals = 0;
            bool optimal = false;
            if (lineSearch)
            {
                var start = flat.Values();
                var result = StrongWolfeLineSearch.Search(step => EvaluateAlong(closure, start, step, d), t, MaxAbs(d), loss, flatGrad, gtd,
                    SufficientDecreaseConstant, CurvatureConstant(group), stopping.ToleranceChange);
                (loss, flatGrad, t, lsEvals) = (result.Loss, result.Gradient, result.Step, result.Evaluations);
                state["t"].Fill(t);
                flat.Add(t, d);
                optimal = stopping.IsOptimal(MaxAbs(flatGrad));
            }
            else
            {
                flat.Add(t, d);
                if (nIter != stopping.MaxIter) // the last iteration's loss is not needed; in a stochastic setting it is not worth computing
                {
                    loss = LossValue(EvaluateClosure(closure));
                    flatGrad = flat.Gradient();
                    optimal = stopping.IsOptimal(MaxAbs(flatGrad));
                    lsEvals = 1;
                }
            }
            currentEvals += lsEvals;
            AddTo(state["func_evals"], lsEvals);

            if (stopping.IsExhausted(nIter, currentEvals, optimal)) break;
            if (stopping.IsStalled(MaxAbs(d), t, loss, prevLoss)) break;
        }

        state.IsNew = false;
        return originalLoss;
    }

    /// <summary>Loss, flat gradient and slope along d at θ₀ + t·d, leaving θ at θ₀ (PyTorch's <c>_directional_evaluate</c>).</summary>
    private (double Loss, Tensor Gradient, double Slope) EvaluateAlong(Func<Tensor> closure, Tensor start, double t, Tensor d)
    {
        flat.Add(t, d);
        double loss = LossValue(EvaluateClosure(closure));
        var gradient = flat.Gradient();
        flat.Set(start);
        return (loss, gradient, gradient.Dot(d).Item());
    }

    private double LossValue(Tensor loss) => loss.Count == 1
        ? loss.Item()
        : throw new InvalidOperationException($"{Name}.Step: the closure must return the loss as one value, got a tensor of shape {loss.ShapeText}.");

    private static double MaxAbs(Tensor t) => t.Abs().Max().Item();

    /// <summary>Adds to a 0-d counter and returns the new count.</summary>
    private static double AddTo(Tensor counter, double amount) => counter.Fill(counter.Item() + amount).Item();
}
