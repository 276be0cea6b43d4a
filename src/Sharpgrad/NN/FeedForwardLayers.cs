namespace Sharpgrad.NN;

/// <summary>
/// The exact layer types of a feed-forward or convolutional network (GBC §6, §9) that run no user code and keep no
/// tensor they compute or see (checked by reading each one's forward): what <see cref="InternalActivations"/> requires
/// of every module below a <see cref="Sequential"/>, VGG or ResNet before it recycles a training call's activations
/// (<see cref="TrainingCallRecycling"/>), and what <see cref="LayerChainBuffers"/> requires below a ResNet or an outermost
/// Sequential before it recycles an inference chain's. A batch norm qualifies only without a statistics sync
/// (<see cref="BuiltInModuleTree"/> checks that).
/// </summary>
internal static class FeedForwardLayers
{
    public static readonly IReadOnlySet<Type> ThatKeepNothing = new HashSet<Type>
    {
        typeof(Sequential), typeof(Identity), typeof(Flatten), typeof(Dropout), typeof(Linear),
        typeof(Conv1d), typeof(Conv2d), typeof(Conv3d),
        typeof(BatchNorm1d), typeof(BatchNorm2d), typeof(BatchNorm3d),
        typeof(ReLU), typeof(Tanh), typeof(Sigmoid),
        typeof(MaxPool1d), typeof(MaxPool2d), typeof(MaxPool3d),
        typeof(AvgPool1d), typeof(AvgPool2d), typeof(AvgPool3d),
        typeof(AdaptiveAvgPool1d), typeof(AdaptiveAvgPool2d), typeof(AdaptiveAvgPool3d),
    };

    /// <summary><see cref="ThatKeepNothing"/> and a model's own types (its blocks and itself), which must qualify too.</summary>
    public static IReadOnlySet<Type> With(params Type[] modelTypes) => new HashSet<Type>(ThatKeepNothing.Concat(modelTypes));
}
