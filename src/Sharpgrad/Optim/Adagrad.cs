using Sharpgrad.Kernels;

namespace Sharpgrad.Optim;

/// <summary>
/// AdaGrad (Duchi et al., 2011; GBC Alg. 8.4) with torch.optim.Adagrad's update rule and defaults:
/// <code>
/// t ← t + 1
/// g ← ∇θ + λθ
/// r ← r + g⊙g                              (r starts at initial_accumulator_value)
/// θ ← θ − ε / (1 + (t − 1)·lr_decay) · g / (√r + δ)
/// </code>
/// Every parameter's step shrinks with its own history of squared gradients. GBC's δ defaults to 1e-7;
/// PyTorch's eps, used here, defaults to 1e-10.
/// </summary>
public sealed class Adagrad : Optimizer
{
    public Adagrad(IEnumerable<Tensor> parameters, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0,
        double initialAccumulatorValue = 0, double eps = 1e-10)
        : base("Adagrad", parameters, [("lr", lr), ("lr_decay", lrDecay), ("eps", eps), ("weight_decay", weightDecay),
            ("initial_accumulator_value", initialAccumulatorValue)])
    {
    }

    protected override void Validate(ParamGroup group) =>
        RequireNonNegative(group, "lr", "lr_decay", "eps", "weight_decay", "initial_accumulator_value");

    protected override ParameterState CreateState(Tensor parameter, ParamGroup group) => new()
    {
        ["step"] = ParameterState.NewCounter(),
        ["sum"] = Tensor.FullLike(parameter, group["initial_accumulator_value"]),
    };

    public override void Step() => UpdateEachParameter(Update);

    private static void Update(ParamGroup group, Tensor param, Tensor grad, ParameterState state)
    {
        double t = state.IncrementStep(), eps = group["eps"], weightDecay = group["weight_decay"];
        double lr = group.Lr / (1 + (t - 1) * group["lr_decay"]);
        ApplyRule(param, grad, new AdagradRule<float>(lr, eps, weightDecay), new AdagradRule<double>(lr, eps, weightDecay), state["sum"]);
    }
}
