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
}
