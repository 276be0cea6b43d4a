namespace Sharpgrad.NN;

/// <summary>Returns its input unchanged: a placeholder where an architecture optionally has a layer (e.g. a skipped projection).</summary>
public sealed class Identity : Module<Tensor, Tensor>
{
    protected override Tensor ForwardCore(Tensor input) => input;
}
