using Sharpgrad.Kernels;

namespace Sharpgrad.Optim;

/// <summary>
/// AdaDelta (Zeiler, 2012, Alg. 1; mentioned in GBC §8.5) with torch.optim.Adadelta's update rule and defaults:
/// <code>
/// g ← ∇θ + λθ
/// r ← ρr + (1 − ρ)g⊙g                          running average of squared gradients
/// Δ ← √(u + δ) / √(r + δ) ⊙ g                  u: running average of squared updates
/// u ← ρu + (1 − ρ)Δ⊙Δ
/// θ ← θ − ε·Δ
/// </code>
/// The ratio of the two RMS values gives the step the units of θ, so Zeiler's method needs no learning rate;
/// PyTorch still multiplies by lr (default 1.0, which is Zeiler's form). Here δ sits inside the square roots,
/// as in Zeiler's paper and PyTorch.
/// </summary>
public sealed class Adadelta : Optimizer
{
    public Adadelta(IEnumerable<Tensor> parameters, double lr = 1.0, double rho = 0.9, double eps = 1e-6, double weightDecay = 0)
        : base("Adadelta", parameters, [("lr", lr), ("rho", rho), ("eps", eps), ("weight_decay", weightDecay)])
    {
    }

    protected override void Validate(ParamGroup group)
    {
        RequireNonNegative(group, "lr", "eps", "weight_decay");
        RequireInRange(group, "rho", 0, 1, includeHigh: true);
    }

    protected override ParameterState CreateState(Tensor parameter, ParamGroup group) => new()
    {
        ["square_avg"] = Tensor.ZerosLike(parameter),
        ["acc_delta"] = Tensor.ZerosLike(parameter),
    };

    public override void Step() => UpdateEachParameter(Update);

    private static void Update(ParamGroup group, Tensor param, Tensor grad, ParameterState state)
    {
        double rho = group["rho"], eps = group["eps"], weightDecay = group["weight_decay"];
        ApplyRule(param, grad,
            new AdadeltaRule<float>(group.Lr, rho, eps, weightDecay), new AdadeltaRule<double>(group.Lr, rho, eps, weightDecay),
            state["square_avg"], state["acc_delta"]);
    }
}
