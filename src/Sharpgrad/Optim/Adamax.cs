using Sharpgrad.Kernels;

namespace Sharpgrad.Optim;

/// <summary>
/// Adamax (Kingma &amp; Ba, 2015, §7.1): Adam with the second moment replaced by an exponentially weighted
/// infinity norm, with torch.optim.Adamax's update rule and defaults (ε = 2e-3, ρ₁ = 0.9, ρ₂ = 0.999, δ = 1e-8):
/// <code>
/// t ← t + 1;  g ← ∇θ + λθ
/// s ← ρ₁s + (1 − ρ₁)g
/// u ← max(ρ₂u, |g| + δ)
/// θ ← θ − ε/(1 − ρ₁ᵗ) · s/u
/// </code>
/// The max needs no bias correction: it is not pulled toward its zero start the way an average is.
/// </summary>
public sealed class Adamax : Optimizer
{
    public Adamax(IEnumerable<Tensor> parameters, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0)
        : base("Adamax", parameters, [("lr", lr), ("beta1", beta1), ("beta2", beta2), ("eps", eps), ("weight_decay", weightDecay)])
    {
    }

    protected override void Validate(ParamGroup group)
    {
        RequireNonNegative(group, "lr", "eps", "weight_decay");
        RequireInRange(group, "beta1", 0, 1);
        RequireInRange(group, "beta2", 0, 1);
    }

    protected override ParameterState CreateState(Tensor parameter, ParamGroup group) => new()
    {
        ["step"] = ParameterState.NewCounter(),
        ["exp_avg"] = Tensor.ZerosLike(parameter),
        ["exp_inf"] = Tensor.ZerosLike(parameter),
    };

    public override void Step() => UpdateEachParameter(Update);

    private static void Update(ParamGroup group, Tensor param, Tensor grad, ParameterState state)
    {
        double lr = group.Lr, beta1 = group["beta1"], beta2 = group["beta2"], eps = group["eps"], weightDecay = group["weight_decay"];
        double t = state.IncrementStep();
        double biasCorrection1 = 1 - Math.Pow(beta1, t);
        ApplyRule(param, grad,
            new AdamaxRule<float>(lr, beta1, beta2, eps, weightDecay, biasCorrection1),
            new AdamaxRule<double>(lr, beta1, beta2, eps, weightDecay, biasCorrection1),
            state["exp_avg"], state["exp_inf"]);
    }
}
