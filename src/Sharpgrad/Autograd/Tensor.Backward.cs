namespace Sharpgrad;

public sealed partial class Tensor
{
    /// <summary>
    /// Backpropagates from this tensor, adding ∂this/∂leaf into every leaf's <see cref="Grad"/> (GBC Alg. 6.4).
    /// A non-scalar output needs <paramref name="gradient"/>, the weight of each element. The graph's saved values
    /// are freed afterwards unless <paramref name="retainGraph"/>; <paramref name="createGraph"/> records the
    /// backward pass itself so the gradients can be differentiated again.
    /// </summary>
    public void Backward(Tensor? gradient = null, bool retainGraph = false, bool createGraph = false)
        => BackwardEngine.Run([this], gradient is null ? null : [gradient], null, retainGraph || createGraph, createGraph);

    /// <summary>
    /// Zero-grad for one tensor: forgets Grad, or (<paramref name="setToNone"/> false) detaches it from any graph a
    /// double-backward pass built and fills it with zeros, as PyTorch's <c>zero_grad(set_to_none=False)</c> does.
    /// </summary>
    internal void ClearGrad(bool setToNone)
    {
        if (setToNone || grad is null)
        {
            grad = null;
            return;
        }
        var detached = grad.GradFn is null ? grad : grad.Detach();
        using (Autograd.NoGrad()) detached.Zero();
        grad = detached;
    }
}
