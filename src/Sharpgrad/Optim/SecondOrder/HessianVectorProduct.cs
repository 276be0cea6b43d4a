namespace Sharpgrad.Optim;

/// <summary>
/// Products H·v of the Hessian of a loss with vectors v, without forming H: H·v = ∇θ(∇θf · v) (Pearlmutter, 1994).
/// The gradient is computed once with its graph recorded (createGraph), and each product is one more backward pass
/// through that graph — about the cost of one gradient. Newton's method builds H from n such products, or solves
/// with H by conjugate gradient using them (GBC §8.6.1).
/// </summary>
internal sealed class HessianVectorProduct
{
    private readonly IReadOnlyList<Tensor> parameters;
    private readonly Tensor gradientWithGraph;

    /// <param name="op">The caller's name, for error messages.</param>
    /// <param name="loss">The loss with its graph still in place.</param>
    public HessianVectorProduct(string op, Tensor loss, IReadOnlyList<Tensor> parameters)
    {
        this.parameters = parameters;
        if (loss.Count != 1)
            throw new InvalidOperationException($"{op}: the closure must return the loss as one value, got a tensor of shape {loss.ShapeText}.");
        if (!loss.RequiresGrad)
            throw new InvalidOperationException($"{op}: the closure's loss does not depend on the parameters through recorded ops, so it cannot be differentiated.");
        using var enableGrad = Autograd.EnableGrad();
        try
        {
            gradientWithGraph = FlatParameters.Concatenate(Autograd.Grad([loss], parameters, createGraph: true, allowUnused: true));
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{op}: could not differentiate the closure's loss twice. The closure should return the " +
                                                $"loss without calling Backward, or call Backward(retainGraph: true). ({e.Message})", e);
        }
        Gradient = gradientWithGraph.Detach();
    }

    /// <summary>∇θf as one vector.</summary>
    public Tensor Gradient { get; }

    /// <summary>H·v for a vector v of length n.</summary>
    public Tensor Times(Tensor v)
    {
        if (!gradientWithGraph.RequiresGrad) return Tensor.ZerosLike(v); // the gradient is constant: f is linear in θ, H = 0
        using var enableGrad = Autograd.EnableGrad();
        var product = Autograd.Grad([gradientWithGraph.Dot(v)], parameters, retainGraph: true, allowUnused: true);
        return FlatParameters.Concatenate(product).Detach();
    }
}
