using Sharpgrad.Kernels;

namespace Sharpgrad.Optim;

/// <summary>
/// NAdam: Adam with Nesterov momentum (Dozat, 2016), with torch.optim.NAdam's update rule and defaults
/// (ε = 2e-3, ρ₁ = 0.9, ρ₂ = 0.999, δ = 1e-8, momentum_decay ψ = 4e-3):
/// <code>
/// t ← t + 1;  g ← ∇θ + λθ
/// μₜ = ρ₁(1 − ½·0.96^(tψ)),  μₜ₊₁ = ρ₁(1 − ½·0.96^((t+1)ψ))      momentum schedule
/// Πₜ = μ₁⋯μₜ                                                     (kept in the state as mu_product)
/// s ← ρ₁s + (1 − ρ₁)g;  r ← ρ₂r + (1 − ρ₂)g⊙g
/// d = √(r / (1 − ρ₂ᵗ)) + δ
/// θ ← θ − ε(1 − μₜ)/(1 − Πₜ) · g/d − ε·μₜ₊₁/(1 − Πₜμₜ₊₁) · s/d
/// </code>
/// Like Nesterov momentum (GBC Alg. 8.3) the step already includes the next momentum term.
/// <para>
/// Πₜ₊₁ = Πₜ·μₜ₊₁, as in Dozat's paper, PyTorch's documentation and PyTorch 2.x. The code of PyTorch 1.13 and
/// earlier computed Πₜ·μₜ·μₜ₊₁ (μₜ counted twice), so its NAdam trajectories differ slightly from ours.
/// </para>
/// </summary>
public sealed class NAdam : Optimizer
{
    public NAdam(IEnumerable<Tensor> parameters, double lr = 2e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0, double momentumDecay = 4e-3)
        : base("NAdam", parameters, [("lr", lr), ("beta1", beta1), ("beta2", beta2), ("eps", eps),
            ("weight_decay", weightDecay), ("momentum_decay", momentumDecay)])
    {
    }

    protected override void Validate(ParamGroup group)
    {
        RequireNonNegative(group, "lr", "eps", "weight_decay", "momentum_decay");
        RequireInRange(group, "beta1", 0, 1);
        RequireInRange(group, "beta2", 0, 1);
    }

    protected override ParameterState CreateState(Tensor parameter, ParamGroup group) => new()
    {
        ["step"] = ParameterState.NewCounter(),
        ["mu_product"] = ParameterState.NewCounter(1),
        ["exp_avg"] = Tensor.ZerosLike(parameter),
        ["exp_avg_sq"] = Tensor.ZerosLike(parameter),
    };

    public override void Step() => UpdateEachParameter(Update);

    private static void Update(ParamGroup group, Tensor param, Tensor grad, ParameterState state)
    {
        double lr = group.Lr, beta1 = group["beta1"], beta2 = group["beta2"], eps = group["eps"], weightDecay = group["weight_decay"];
        double psi = group["momentum_decay"];
        double t = state.IncrementStep();

        double mu = beta1 * (1 - 0.5 * Math.Pow(0.96, t * psi));
        double muNext = beta1 * (1 - 0.5 * Math.Pow(0.96, (t + 1) * psi));
        double muProduct = state["mu_product"].MulInPlace(mu).Item();
        double muProductNext = muProduct * muNext;

        double biasCorrection2 = 1 - Math.Pow(beta2, t);
        double gradStep = -lr * (1 - mu) / (1 - muProduct), momentumStep = -lr * muNext / (1 - muProductNext);
        ApplyRule(param, grad,
            new NAdamRule<float>(beta1, beta2, eps, weightDecay, biasCorrection2, gradStep, momentumStep),
            new NAdamRule<double>(beta1, beta2, eps, weightDecay, biasCorrection2, gradStep, momentumStep),
            state["exp_avg"], state["exp_avg_sq"]);
    }
}
