using Sharpgrad.Kernels;

namespace Sharpgrad.Optim;

/// <summary>
/// Adam (Kingma &amp; Ba, 2015; GBC Alg. 8.7) with torch.optim.Adam's update rule and defaults
/// (ε = 1e-3, ρ₁ = 0.9, ρ₂ = 0.999, δ = 1e-8):
/// <code>
/// t ← t + 1
/// g ← ∇θ + λθ                       (L2 weight decay; AdamW instead shrinks θ ← θ(1 − ελ) first)
/// s ← ρ₁s + (1 − ρ₁)g               first moment
/// r ← ρ₂r + (1 − ρ₂)g⊙g             second moment (amsgrad: r̂max ← max(r̂max, r) and use r̂max below)
/// θ ← θ − ε·(s / (1 − ρ₁ᵗ)) / (√r / √(1 − ρ₂ᵗ) + δ)
/// </code>
/// The moments start at zero, so early on they are biased toward zero; dividing by the bias corrections
/// 1 − ρᵗ removes that bias (some printings of GBC Alg. 8.7 multiply instead). As in PyTorch, δ is added after
/// the square root is bias-corrected, not inside it.
/// <para>
/// One implementation serves both Adam and <see cref="AdamW"/>: they differ only in how weight decay enters,
/// which the constructor fixes.
/// </para>
/// </summary>
public class Adam : Optimizer
{
    private readonly bool decoupledWeightDecay;

    /// <param name="lr">The step size ε.</param>
    /// <param name="beta1">ρ₁, the decay rate of the first-moment estimate, in [0, 1).</param>
    /// <param name="beta2">ρ₂, the decay rate of the second-moment estimate, in [0, 1).</param>
    /// <param name="eps">δ, added to the denominator for numerical stability.</param>
    /// <param name="weightDecay">λ of an L2 penalty added to the gradient.</param>
    /// <param name="amsgrad">Divide by the running maximum of r (Reddi et al., 2018), so steps cannot grow back.</param>
    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0, bool amsgrad = false)
        : this("Adam", decoupledWeightDecay: false, parameters, lr, beta1, beta2, eps, weightDecay, amsgrad)
    {
    }

    /// <param name="decoupledWeightDecay">Shrink the weights directly (AdamW) instead of adding λθ to the gradient.</param>
    protected Adam(string name, bool decoupledWeightDecay, IEnumerable<Tensor> parameters, double lr, double beta1,
        double beta2, double eps, double weightDecay, bool amsgrad)
        : base(name, parameters, [("lr", lr), ("beta1", beta1), ("beta2", beta2), ("eps", eps),
            ("weight_decay", weightDecay), ("amsgrad", AsOption(amsgrad))])
    {
        this.decoupledWeightDecay = decoupledWeightDecay;
    }

    protected override void Validate(ParamGroup group)
    {
        RequireNonNegative(group, "lr", "eps", "weight_decay");
        RequireInRange(group, "beta1", 0, 1);
        RequireInRange(group, "beta2", 0, 1);
        RequireFlag(group, "amsgrad");
    }

    protected override ParameterState CreateState(Tensor parameter, ParamGroup group)
    {
        var state = new ParameterState
        {
            ["step"] = ParameterState.NewCounter(),
            ["exp_avg"] = Tensor.ZerosLike(parameter),
            ["exp_avg_sq"] = Tensor.ZerosLike(parameter),
        };
        if (group.Flag("amsgrad")) state["max_exp_avg_sq"] = Tensor.ZerosLike(parameter);
        return state;
    }

    public override void Step() => UpdateEachParameter(Update);

    private void Update(ParamGroup group, Tensor param, Tensor grad, ParameterState state)
    {
        double lr = group.Lr, beta1 = group["beta1"], beta2 = group["beta2"], eps = group["eps"], weightDecay = group["weight_decay"];
        bool amsgrad = group.Flag("amsgrad");
        double t = state.IncrementStep();
        double biasCorrection1 = 1 - Math.Pow(beta1, t), biasCorrection2 = 1 - Math.Pow(beta2, t);
        // AdamW decays the weights (θ ← θ(1 − ελ)) before the step; Adam adds the L2 penalty's gradient λθ to g.
        ApplyRule(param, grad,
            new AdamRule<float>(lr, beta1, beta2, eps, weightDecay, decoupledWeightDecay, amsgrad, biasCorrection1, biasCorrection2),
            new AdamRule<double>(lr, beta1, beta2, eps, weightDecay, decoupledWeightDecay, amsgrad, biasCorrection1, biasCorrection2),
            state["exp_avg"], state["exp_avg_sq"], amsgrad ? state["max_exp_avg_sq"] : null);
    }
}
