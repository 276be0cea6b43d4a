namespace Sharpgrad.Optim;

/// <summary>
/// BFGS with the full n×n inverse-Hessian approximation H (Nocedal &amp; Wright Alg. 6.1; GBC §8.6.3), for problems
/// small enough to store it. Each iteration moves along d = −H∇f with the strong-Wolfe line search, then folds the
/// new curvature pair (s = θ_new − θ, y = ∇f_new − ∇f) into H:
/// <code>
/// H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ,   ρ = 1/(yᵀs)          (N&amp;W eq. 6.17)
/// </code>
/// H stays symmetric positive definite as long as yᵀs &gt; 0, which the Wolfe conditions guarantee; pairs with
/// yᵀs ≤ 1e-10 are skipped, as in L-BFGS. H starts as I, and just before the first update it is rescaled to
/// (yᵀs/yᵀy)·I (N&amp;W eq. 6.20), so that its scale matches the problem's curvature.
/// <para>
/// The loop, options, stopping rules and line search are those of <see cref="LBFGS"/> (see
/// <see cref="LineSearchOptimizer"/>); only the direction differs. L-BFGS with a history as long as the number of
/// iterations takes the same steps in exact arithmetic.
/// </para>
/// <para>State adds "inverse_hessian" (H, n×n) and "hessian_updates" (how many pairs H has absorbed).</para>
/// </summary>
public sealed class BFGS : LineSearchOptimizer
{
    /// <param name="lr">The step size; 1 is the quasi-Newton step.</param>
    /// <param name="maxIter">Iterations per step.</param>
    /// <param name="maxEval">Loss evaluations per step (default max_iter·5/4).</param>
    /// <param name="toleranceGrad">Stop when max|∇f| ≤ this.</param>
    /// <param name="toleranceChange">Stop when the step or the change in loss is below this.</param>
    /// <param name="lineSearch">The strong-Wolfe search (the default, which N&amp;W's analysis assumes) or fixed steps.</param>
    public BFGS(IEnumerable<Tensor> parameters, double lr = 1, int maxIter = 20, int? maxEval = null, double toleranceGrad = 1e-7,
        double toleranceChange = 1e-9, LineSearch lineSearch = LineSearch.StrongWolfe)
        : base("BFGS", parameters, lr, maxIter, maxEval, toleranceGrad, toleranceChange, [], lineSearch)
    {
    }

    protected override void AddMethodState(ParameterState state, ParamGroup group, int n, DType dtype)
    {
        state["inverse_hessian"] = Tensor.Eye(n, dtype: dtype);
        state["hessian_updates"] = ParameterState.NewCounter();
    }

    protected override Tensor Direction(ParamGroup group, ParameterState state, Tensor gradient, bool first)
    {
        var h = state["inverse_hessian"];
        if (first)
        {
            h.CopyFrom(Tensor.Eye(ParameterCount, dtype: h.DType));
            state["hessian_updates"].Fill(0);
            return -gradient;
        }

        var (s, y) = CurvaturePair(state, gradient);
        double ys = y.Dot(s).Item();
        if (ys > 1e-10)
        {
            if (state["hessian_updates"].Item() == 0) h.MulInPlace(ys / y.Dot(y).Item()); // N&W eq. 6.20
            double rho = 1 / ys;
            // Eq. 6.17 multiplied out, so that it needs only H·y and outer products (H is symmetric, so yᵀH = (Hy)ᵀ):
            // H − ρ(s(Hy)ᵀ + (Hy)sᵀ) + (ρ²·yᵀHy + ρ)ssᵀ.
            var hy = h.MatMul(y);
            double yhy = y.Dot(hy).Item();
            h.AddInPlace(Outer(s, hy) + Outer(hy, s), -rho);
            h.AddInPlace(Outer(s, s), rho * rho * yhy + rho);
            state["hessian_updates"].Fill(state["hessian_updates"].Item() + 1);
        }
        return -h.MatMul(gradient);
    }

    private static Tensor Outer(Tensor a, Tensor b) => a.Unsqueeze(1).MatMul(b.Unsqueeze(0));
}
