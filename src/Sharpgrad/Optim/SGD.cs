using Sharpgrad.Kernels;

namespace Sharpgrad.Optim;

/// <summary>
/// Stochastic gradient descent, optionally with momentum (GBC Alg. 8.2) or Nesterov momentum (GBC Alg. 8.3),
/// with torch.optim.SGD's update rule and defaults:
/// <code>
/// g ← ∇θ + λθ                                   (weight decay λ: the gradient of the L2 penalty, GBC §7.1.1)
/// b ← g at the first step, else μb + (1 − τ)g   (momentum μ, dampening τ)
/// θ ← θ − ε·(g + μb) with Nesterov, else θ − ε·b  (θ − ε·g without momentum)
/// </code>
/// The book writes momentum as a velocity v ← αv − εg, θ ← θ + v. With a fixed ε that is the same path, because
/// v = −εb; PyTorch keeps b so that changing ε later rescales the whole step. GBC's Nesterov step evaluates the
/// gradient at θ + αv; PyTorch (after Sutskever et al., 2013) tracks the look-ahead point instead, which needs
/// only the gradient at the current parameters and gives θ ← θ − ε(g + μb).
/// </summary>
public sealed class SGD : Optimizer
{
    /// <param name="lr">The learning rate ε (required, ≥ 0).</param>
    /// <param name="momentum">μ (α in GBC), typically 0.5, 0.9 or 0.99; 0 disables momentum.</param>
    /// <param name="dampening">τ: the share of the new gradient left out of the momentum buffer.</param>
    /// <param name="weightDecay">λ of the L2 penalty ½λ‖θ‖², added to the gradient.</param>
    /// <param name="nesterov">Nesterov momentum; needs momentum &gt; 0 and dampening = 0.</param>
    public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0,
        double weightDecay = 0, bool nesterov = false)
        : base("SGD", parameters, [("lr", lr), ("momentum", momentum), ("dampening", dampening),
            ("weight_decay", weightDecay), ("nesterov", AsOption(nesterov))])
    {
    }

    protected override void Validate(ParamGroup group)
    {
        RequireNonNegative(group, "lr", "momentum", "weight_decay");
        RequireFlag(group, "nesterov");
        if (group.Flag("nesterov") && (group["momentum"] <= 0 || group["dampening"] != 0))
            throw new ArgumentException(
                $"SGD: nesterov = true requires momentum > 0 and dampening = 0, got momentum = {group["momentum"]} and dampening = {group["dampening"]}.");
    }

    protected override ParameterState CreateState(Tensor parameter, ParamGroup group) =>
        group["momentum"] != 0 ? new ParameterState { ["momentum_buffer"] = Tensor.ZerosLike(parameter) } : new ParameterState();

    public override void Step() => UpdateEachParameter(Update);

    private static void Update(ParamGroup group, Tensor param, Tensor grad, ParameterState state)
    {
        double lr = group.Lr, momentum = group["momentum"], dampening = group["dampening"], weightDecay = group["weight_decay"];
        bool nesterov = group.Flag("nesterov"), first = state.IsNew;
        ApplyRule(param, grad,
            new SgdRule<float>(lr, momentum, dampening, weightDecay, nesterov, first),
            new SgdRule<double>(lr, momentum, dampening, weightDecay, nesterov, first),
            momentum != 0 ? state["momentum_buffer"] : null);
    }
}
