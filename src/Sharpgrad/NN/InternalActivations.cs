namespace Sharpgrad.NN;

/// <summary>
/// Opens <see cref="GraphOwnedActivations"/> for one forward call of a built-in module whose tree keeps nothing it
/// computes (<see cref="BuiltInModuleTree"/>): its intermediate activations go back to the buffer pool once the
/// backward pass has freed the nodes that saved them, or at once when it recorded none. Training mode is allowed
/// (unlike <see cref="LayerChainBuffers"/>): the listed layers keep no batch statistics and call no user code.
/// </summary>
/// <remarks>
/// Usage: <c>using var activations = InternalActivations.Open(this, Types); … return activations?.Close(result) ?? result;</c>.
/// An inner module's call while an outer one is open adds to the outer one (no tree walk), so only the outermost
/// result is excluded, and the tensors passed between the layers of a stack are recycled as well.
/// </remarks>
internal static class InternalActivations
{
    /// <param name="maximumBytes">the largest activation recycled (<see cref="RecycledActivations"/>)</param>
    public static GraphOwnedActivations? Open(Module module, IReadOnlySet<Type> layersThatKeepNothing,
        long maximumBytes = RecycledActivations.MaximumBytes)
        => GraphOwnedActivations.TryOpen(() => BuiltInModuleTree.KeepsNothing(module, layersThatKeepNothing, evalOnly: false), maximumBytes);
}
