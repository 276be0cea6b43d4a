namespace Sharpgrad.NN;

/// <summary>
/// The input a normalisation node keeps for its closed-form backward, which rebuilds x̂ = (x − μ)/σ from it with the
/// saved statistics. When the input itself needs no gradient, nothing stops the caller from modifying it in place
/// between forward and backward (a tensor that requires grad is refused in-place changes), so a weight gradient
/// Σ g·x̂ would then be computed from the new values, silently wrong; in that case the node keeps a private copy.
/// </summary>
internal static class SavedInput
{
    public static Tensor Of(Tensor input, Tensor? weight)
    {
        bool mayBeModified = !input.RequiresGrad && weight is { RequiresGrad: true } && Autograd.IsGradEnabled;
        return input.Detach().Contiguous(copy: mayBeModified);
    }
}
