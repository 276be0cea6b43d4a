namespace Sharpgrad.NN;

/// <summary>
/// One forward call of a feed-forward network (a <see cref="Sequential"/>, VGG or ResNet) whose activations are handed
/// back to the buffer pool once backward has freed the graph that saved them (GBC §6.5.6: the forward values back-prop
/// needs live exactly as long as the graph).
/// </summary>
internal static class TrainingCallRecycling
{
    /// <summary>
    /// Runs <paramref name="forward"/>, one call of <paramref name="network"/> (whose tree must consist of
    /// <paramref name="layersThatKeepNothing"/>), so that its activations are recycled where that is provably safe: with
    /// gradients on, once backward has freed the call's graph (<see cref="InternalActivations"/>, activations up to
    /// <see cref="RecycledActivations.TrainingCallMaximumBytes"/>). With them off, <paramref name="forward"/> just runs
    /// (ResNet's recycles as an inference chain, <see cref="LayerChainBuffers"/>): holding a no-grad call's activations
    /// until it returns would raise the peak memory of a large inference batch.
    /// </summary>
    public static Tensor Run(Module network, IReadOnlySet<Type> layersThatKeepNothing, Func<Tensor> forward)
    {
        if (!Autograd.IsGradEnabled) return forward();
        using var activations = InternalActivations.Open(network, layersThatKeepNothing, RecycledActivations.TrainingCallMaximumBytes);
        var result = forward();
        return activations?.Close(result) ?? result;
    }
}
