namespace Sharpgrad.NN;

/// <summary>Finishes a layer copy: the source's weights (copied, not shared) and its training mode.</summary>
internal static class TransformerLayerCopy
{
    public static T Of<T>(T source, T copy) where T : Module
    {
        copy.LoadStateDict(source.StateDict());
        return source.IsTraining ? copy.Train() : copy.Eval();
    }
}
