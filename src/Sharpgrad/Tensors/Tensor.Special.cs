using Sharpgrad.Kernels;

namespace Sharpgrad;

// Special functions of probability: log Γ and its derivatives, which the Gamma, Beta, Dirichlet and Student-t
// densities, entropies and KL divergences are written with. The accuracy of each is documented in
// Backends/Cpu/Kernels/SpecialFunctions.cs (about 1e-14 absolute in float64).
public sealed partial class Tensor
{
    /// <summary>
    /// log|Γ(x)|, like torch.lgamma; +∞ at the poles 0, −1, −2, …. Its derivative is ψ(x) (<see cref="Digamma"/>),
    /// which is itself differentiable, so lgamma has exact first and second derivatives.
    /// </summary>
    public Tensor Lgamma()
    {
        var y = Elementwise.Float(this, "Lgamma", new LgammaOp<float>(), new LgammaOp<double>());
        return y.Record("Lgamma", [this], g => [g * Digamma()]);
    }

    /// <summary>
    /// The digamma function ψ(x) = d/dx log Γ(x), like torch.digamma; ψ(1) = −γ (Euler–Mascheroni).
    /// Its derivative is the trigamma function ψ′(x). That derivative is first-order only: differentiating ψ
    /// twice (e.g. a Hessian through a Gamma log-density's concentration) throws rather than returning a wrong zero.
    /// </summary>
    public Tensor Digamma()
    {
        var y = Elementwise.Float(this, "Digamma", new DigammaOp<float>(), new DigammaOp<double>());
        return y.Record("Digamma", [this], g => [g * Trigamma()]);
    }

    /// <summary>ψ′(x), the derivative of <see cref="Digamma"/>; not differentiable itself (see <see cref="FirstOrderOnly"/>).</summary>
    internal Tensor Trigamma()
    {
        var y = Elementwise.Float(this, "Trigamma", new TrigammaOp<float>(), new TrigammaOp<double>());
        return y.FirstOrderOnly("Trigamma", this);
    }

    /// <summary>
    /// Records this tensor as computed from <paramref name="input"/> by an op whose own derivative is not implemented
    /// (trigamma, the implicit gradient of a Gamma sample). Its value takes part in a first derivative; a second
    /// derivative through it throws instead of silently treating it as a constant.
    /// </summary>
    internal Tensor FirstOrderOnly(string name, Tensor input) => this.Record(name, [input], _ =>
        throw new NotSupportedException(
            $"{name}: the derivative of {name} is not implemented, so only first-order gradients flow through this op."));
}
