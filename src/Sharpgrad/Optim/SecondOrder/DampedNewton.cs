namespace Sharpgrad.Optim;

/// <summary>
/// Newton's method with damping (GBC §8.6.1 and Alg. 8.8; the regularisation of Levenberg–Marquardt):
/// <code>
/// θ ← θ − ε·[H + αI]⁻¹ g          g = ∇θf, H = ∇²θf, damping α ≥ 0, step ε (lr, 1 for the pure Newton step)
/// </code>
/// Near a minimum, where f is nearly quadratic, the undamped step (α = 0) jumps to the minimum of the local
/// quadratic model; on a positive-definite quadratic it lands on the minimum in one step. Where H has negative or
/// tiny eigenvalues the raw step heads for a saddle point or grows huge; adding αI shifts every eigenvalue by α,
/// and a large α turns the step into gradient descent with step ε/α.
/// <para>
/// Two ways to apply [H + αI]⁻¹:
/// <list type="bullet">
/// <item>explicit (the default, for small models): H is built row by row from n Hessian-vector products and the
/// system is solved by Cholesky factorisation, which fails — with a message — when H + αI is not positive definite;</item>
/// <item>Hessian-free (<c>hessianFree: true</c>): the linear conjugate-gradient method (N&amp;W Alg. 5.2) solves
/// (H + αI)x = g using only Hessian-vector products, stopping after cg_max_iter iterations or when the residual
/// is below cg_tolerance·‖g‖ (truncated Newton, N&amp;W §7.1). If it meets a direction of non-positive curvature
/// it stops there, and falls back to x = g (a gradient step) if that happens at once.</item>
/// </list>
/// </para>
/// <para>
/// Use with a closure that returns the loss <b>with its graph intact</b>: Newton differentiates it twice itself,
/// so the closure should not call Backward (or must call <c>Backward(retainGraph: true)</c>), e.g.
/// <c>opt.Step(() =&gt; Loss(model))</c>. The method keeps no state between steps.
/// </para>
/// </summary>
public sealed class DampedNewton : Optimizer
{
    private readonly FlatParameters flat;

    /// <param name="damping">α, added to the Hessian's diagonal.</param>
    /// <param name="lr">ε, the fraction of the Newton step to take.</param>
    /// <param name="hessianFree">Solve with conjugate gradient on Hessian-vector products instead of forming H.</param>
    /// <param name="cgMaxIter">Hessian-free: the most CG iterations per step (the truncation).</param>
    /// <param name="cgTolerance">Hessian-free: stop CG when ‖residual‖ ≤ cgTolerance·‖g‖.</param>
    public DampedNewton(IEnumerable<Tensor> parameters, double damping = 0, double lr = 1, bool hessianFree = false,
        int cgMaxIter = 100, double cgTolerance = 1e-10)
        : base("DampedNewton", parameters, [("lr", lr), ("damping", damping), ("hessian_free", AsOption(hessianFree)),
            ("cg_max_iter", cgMaxIter), ("cg_tolerance", cgTolerance)])
    {
        flat = new FlatParameters(Name, ParamGroups[0].Params);
    }

    protected override bool SupportsParamGroups => false;

    protected override void Validate(ParamGroup group)
    {
        RequireNonNegative(group, "lr", "damping", "cg_tolerance");
        RequireFlag(group, "hessian_free");
        RequireInteger(group, "cg_max_iter", 1);
    }

    protected override ParameterState CreateState(Tensor parameter, ParamGroup group) => new();

    public override void Step() => throw new InvalidOperationException(
        "DampedNewton.Step: needs the loss itself, not just its gradient; call Step(closure) with a closure that returns the loss " +
        "(without calling Backward).");

    /// <summary>One Newton step. Returns the loss before the step.</summary>
    public override Tensor Step(Func<Tensor> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        var group = ParamGroups[0];
        var loss = EvaluateClosure(closure);
        var hessian = new HessianVectorProduct($"{Name}.Step", loss, flat.Parameters);
        var step = group.Flag("hessian_free")
            ? SolveByConjugateGradient(hessian, group["damping"], (int)group["cg_max_iter"], group["cg_tolerance"])
            : SolveWithExplicitHessian(hessian, group["damping"]);
        flat.Add(-group.Lr, step);
        return loss;
    }

    /// <summary>
    /// [H + αI]⁻¹g with H assembled from the products H·eᵢ (its rows, since H is symmetric), solved by Cholesky,
    /// LLᵀ = H + αI, and two triangular solves. Cholesky succeeds exactly when H + αI is positive definite, which is
    /// also when the Newton step points downhill (GBC §8.6.1), so its failure is the signal to increase the damping.
    /// </summary>
    private Tensor SolveWithExplicitHessian(HessianVectorProduct hessian, double damping)
    {
        int n = flat.Count;
        using var _ = Autograd.NoGrad();
        var identity = Tensor.Eye(n, dtype: flat.DType);
        var h = Tensor.Stack(Enumerable.Range(0, n).Select(i => hessian.Times(identity[i])).ToList());
        var system = (h + identity * damping).Double();
        Tensor factor;
        try
        {
            factor = Linalg.Cholesky(system);
        }
        catch (LinalgException e)
        {
            throw new InvalidOperationException(
                $"DampedNewton: H + αI (n = {n}, α = {damping}) is not positive definite, so the Newton step would not point downhill " +
                $"(GBC §8.6.1); increase damping. ({e.Message})", e);
        }
        return Linalg.CholeskySolve(hessian.Gradient.Double(), factor).To(flat.DType);
    }

    /// <summary>
    /// Solves (H + αI)x = g approximately by linear conjugate gradient (N&amp;W Alg. 5.2), truncated after
    /// <paramref name="maxIterations"/> iterations, at a small residual, or at non-positive curvature (N&amp;W Alg. 7.1).
    /// </summary>
    private static Tensor SolveByConjugateGradient(HessianVectorProduct hessian, double damping, int maxIterations, double tolerance)
    {
        var g = hessian.Gradient;
        var x = Tensor.ZerosLike(g);
        var residual = g.Clone(); // g − (H + αI)x at x = 0
        var direction = residual.Clone();
        double residualSquared = residual.Dot(residual).Item(), stop = tolerance * Math.Sqrt(residualSquared);
        for (int j = 0; j < maxIterations && Math.Sqrt(residualSquared) > stop; j++)
        {
            var curvatureTimesDirection = hessian.Times(direction) + direction * damping;
            double curvature = direction.Dot(curvatureTimesDirection).Item();
            if (curvature <= 0) return j == 0 ? g : x; // H + αI is not positive definite along this direction
            double alpha = residualSquared / curvature;
            x.AddInPlace(direction, alpha);
            residual.AddInPlace(curvatureTimesDirection, -alpha);
            double next = residual.Dot(residual).Item();
            direction = residual + direction * (next / residualSquared);
            residualSquared = next;
        }
        return x;
    }
}
