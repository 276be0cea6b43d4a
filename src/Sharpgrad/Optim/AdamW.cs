namespace Sharpgrad.Optim;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov &amp; Hutter, 2019), torch.optim.AdamW: each step first shrinks the
/// weights, θ ← θ(1 − ελ), and then takes the plain Adam step. Adding λθ to the gradient instead (L2 in
/// <see cref="Adam"/>) lets the adaptive denominator weaken the decay of weights with large gradients; decoupling
/// makes every weight decay at the same rate. The default λ is 1e-2, as in PyTorch.
/// </summary>
public sealed class AdamW : Adam
{
    public AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false)
        : base("AdamW", decoupledWeightDecay: true, parameters, lr, beta1, beta2, eps, weightDecay, amsgrad)
    {
    }
}
