namespace Sharpgrad.NN;

/// <summary>Finishes a layer copy: the source's dtype (it may have been converted since), weights (copied, not shared) and mode.</summary>
internal static class TransformerLayerCopy
{
    public static T Of<T>(T source, T copy) where T : Module
    {
        copy.To(source.Parameters().First().DType);
        copy.LoadStateDict(source.StateDict());
        return source.IsTraining ? copy.Train() : copy.Eval();
    }
}
