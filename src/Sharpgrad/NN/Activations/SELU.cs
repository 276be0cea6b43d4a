namespace Sharpgrad.NN;

/// <summary>Scaled ELU with the self-normalising constants of Klambauer et al. (2017).</summary>
public sealed class SELU : Module<Tensor, Tensor>
{
    protected override Tensor ForwardCore(Tensor input) => Functional.Selu(input);
}
