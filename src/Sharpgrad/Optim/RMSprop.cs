using Sharpgrad.Kernels;

namespace Sharpgrad.Optim;

/// <summary>
/// RMSProp (Hinton, 2012; GBC Alg. 8.5) with torch.optim.RMSprop's update rule and defaults:
/// <code>
/// g ← ∇θ + λθ
/// r ← αr + (1 − α)g⊙g                       (α is GBC's decay rate ρ)
/// centered: ḡ ← αḡ + (1 − α)g,  d ← √(r − ḡ⊙ḡ) + δ   (Graves, 2013: divide by an estimate of the variance)
/// otherwise: d ← √r + δ
/// momentum μ &gt; 0: b ← μb + g/d,  θ ← θ − ε·b;   else θ ← θ − ε·g/d
/// </code>
/// GBC Alg. 8.5 divides by √(δ + r); PyTorch, followed here, divides by √r + δ. The two agree unless r is
/// as small as δ. GBC Alg. 8.6 combines RMSProp with Nesterov momentum; PyTorch's momentum option (and ours) is
/// classical momentum on the scaled gradient. The defaults are PyTorch's (α = 0.99, δ = 1e-8), not the
/// book's suggestion (ρ = 0.9, δ = 1e-6).
/// </summary>
public sealed class RMSprop : Optimizer
{
    public RMSprop(IEnumerable<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8,
        double weightDecay = 0, double momentum = 0, bool centered = false)
        : base("RMSprop", parameters, [("lr", lr), ("momentum", momentum), ("alpha", alpha), ("eps", eps),
            ("centered", AsOption(centered)), ("weight_decay", weightDecay)])
    {
    }

    protected override void Validate(ParamGroup group)
    {
        RequireNonNegative(group, "lr", "eps", "momentum", "weight_decay", "alpha");
        RequireFlag(group, "centered");
    }

    protected override ParameterState CreateState(Tensor parameter, ParamGroup group)
    {
        var state = new ParameterState { ["square_avg"] = Tensor.ZerosLike(parameter) };
        if (group["momentum"] > 0) state["momentum_buffer"] = Tensor.ZerosLike(parameter);
        if (group.Flag("centered")) state["grad_avg"] = Tensor.ZerosLike(parameter);
        return state;
    }

    public override void Step() => UpdateEachParameter(Update);

    private static void Update(ParamGroup group, Tensor param, Tensor grad, ParameterState state)
    {
        double lr = group.Lr, alpha = group["alpha"], eps = group["eps"], weightDecay = group["weight_decay"], momentum = group["momentum"];
        bool centered = group.Flag("centered");
        ApplyRule(param, grad,
            new RmsPropRule<float>(lr, alpha, eps, weightDecay, momentum, centered),
            new RmsPropRule<double>(lr, alpha, eps, weightDecay, momentum, centered),
            state["square_avg"], momentum > 0 ? state["momentum_buffer"] : null, centered ? state["grad_avg"] : null);
    }
}
