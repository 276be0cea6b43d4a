namespace Sharpgrad.Optim;

/// <summary>
/// Limited-memory BFGS (Nocedal &amp; Wright Alg. 7.4 and 7.5; GBC §8.6.3) with torch.optim.LBFGS's options,
/// defaults and iterates. BFGS approximates the inverse Hessian from the curvature pairs (s, y) — the steps and the
/// changes in gradient it has seen. L-BFGS never forms that n×n matrix: it keeps the last history_size pairs and
/// applies the approximation to ∇f with the two-loop recursion, in O(history_size·n) time and memory:
/// <code>
/// q ← −∇f
/// for i = k−1 … 0:  αᵢ ← ρᵢ sᵢᵀq,  q ← q − αᵢ yᵢ          (ρᵢ = 1/(yᵢᵀsᵢ))
/// r ← γ q,  γ = sᵀy / yᵀy of the newest pair           (the initial inverse Hessian γI, N&amp;W eq. 7.20)
/// for i = 0 … k−1:  β ← ρᵢ yᵢᵀr,  r ← r + sᵢ(αᵢ − β)
/// d ← r
/// </code>
/// A pair is stored only when yᵀs &gt; 1e-10, which keeps the approximation positive definite (the curvature
/// condition that the strong-Wolfe line search guarantees).
/// <para>
/// Use with a closure: <c>opt.Step(() =&gt; { opt.ZeroGrad(); var loss = f(); loss.Backward(); return loss; })</c>.
/// All parameters must share a dtype; there is a single parameter group, as in PyTorch.
/// </para>
/// <para>
/// State (on the first parameter) adds, under PyTorch's names: "old_dirs" (the y vectors, one per row),
/// "old_stps" (the s vectors), "ro" (the ρ's), "H_diag" (γ) and "history_length" (how many rows hold pairs;
/// PyTorch's lists are stored as fixed-size buffers so that a state dict has fixed shapes).
/// </para>
/// </summary>
public sealed class LBFGS : LineSearchOptimizer
{
    /// <param name="lr">The step size; 1 is the quasi-Newton step.</param>
    /// <param name="maxIter">Iterations per step (PyTorch's max_iter).</param>
    /// <param name="maxEval">Loss evaluations per step (default max_iter·5/4).</param>
    /// <param name="toleranceGrad">Stop when max|∇f| ≤ this.</param>
    /// <param name="toleranceChange">Stop when the step or the change in loss is below this.</param>
    /// <param name="historySize">How many curvature pairs to keep (m in N&amp;W; 3–20 is usual, PyTorch's default is 100).</param>
    /// <param name="lineSearch">None (fixed steps of lr) or the strong-Wolfe search.</param>
    public LBFGS(IEnumerable<Tensor> parameters, double lr = 1, int maxIter = 20, int? maxEval = null, double toleranceGrad = 1e-7,
        double toleranceChange = 1e-9, int historySize = 100, LineSearch lineSearch = LineSearch.None)
        : base("LBFGS", parameters, lr, maxIter, maxEval, toleranceGrad, toleranceChange, [("history_size", historySize)], lineSearch)
    {
    }

    protected override void Validate(ParamGroup group)
    {
        base.Validate(group);
        RequireInteger(group, "history_size", 1);
    }

    protected override void AddMethodState(ParameterState state, ParamGroup group, int n, DType dtype)
    {
        int m = (int)group["history_size"];
        state["old_dirs"] = Tensor.Zeros([m, n], dtype);
        state["old_stps"] = Tensor.Zeros([m, n], dtype);
        state["ro"] = Tensor.Zeros([m], DType.Float64);
        state["history_length"] = ParameterState.NewCounter();
        state["H_diag"] = Tensor.Scalar(1, DType.Float64);
    }

    protected override Tensor Direction(ParamGroup group, ParameterState state, Tensor gradient, bool first)
    {
        if (first)
        {
            state["history_length"].Fill(0);
            state["H_diag"].Fill(1);
            return -gradient; // steepest descent until there is curvature information
        }

        var (s, y) = CurvaturePair(state, gradient);
        double ys = y.Dot(s).Item();
        if (ys > 1e-10)
        {
            Remember(state, group, s, y, 1 / ys);
            state["H_diag"].Fill(ys / y.Dot(y).Item());
        }
        return TwoLoopRecursion(state, gradient);
    }

    /// <summary>Appends a curvature pair, dropping the oldest when the history is full.</summary>
    private void Remember(ParameterState state, ParamGroup group, Tensor s, Tensor y, double rho)
    {
        Tensor dirs = state["old_dirs"], steps = state["old_stps"], ro = state["ro"];
        int m = dirs.Size(0), k = (int)state["history_length"].Item();
        if (m != (int)group["history_size"])
            throw new InvalidOperationException($"LBFGS: history_size changed from {m} to {group["history_size"]} after the first step; " +
                                                "create a new optimizer instead.");
        if (k == m)
        {
            foreach (var buffer in new[] { dirs, steps, ro })
                buffer.Narrow(0, 0, m - 1).CopyFrom(buffer.Narrow(0, 1, m - 1).Clone()); // shift out the oldest
            k--;
        }
        dirs[k].CopyFrom(y);
        steps[k].CopyFrom(s);
        ro[k].Fill(rho);
        state["history_length"].Fill(k + 1);
    }

    /// <summary>−H∇f with the L-BFGS inverse-Hessian approximation H (N&amp;W Alg. 7.4).</summary>
    private static Tensor TwoLoopRecursion(ParameterState state, Tensor gradient)
    {
        Tensor dirs = state["old_dirs"], steps = state["old_stps"];
        var ro = state["ro"].ToArray<double>();
        int k = (int)state["history_length"].Item();
        var alpha = new double[k];

        var q = -gradient;
        for (int i = k - 1; i >= 0; i--)
        {
            alpha[i] = steps[i].Dot(q).Item() * ro[i];
            q.AddInPlace(dirs[i], -alpha[i]);
        }
        var r = q * state["H_diag"].Item();
        for (int i = 0; i < k; i++)
        {
            double beta = dirs[i].Dot(r).Item() * ro[i];
            r.AddInPlace(steps[i], alpha[i] - beta);
        }
        return r;
    }
}
