using Sharpgrad.NN;

namespace Sharpgrad.Models;

/// <summary>
/// A VGG network laid out like torchvision's <c>VGG</c>, so its state dict has torchvision's keys ("features.0.weight",
/// "classifier.6.bias"): children features (the convolutions, ReLUs, batch norms and max pools, a Sequential indexed
/// as torchvision's), avgpool (adaptive average pooling to a fixed grid, 7×7 in torchvision) and classifier (a
/// Sequential). Forward: features → avgpool → flatten → classifier. Built by <see cref="ModelZoo.Vgg"/>.
/// </summary>
public sealed class Vgg : Module<Tensor, Tensor>
{
    internal Vgg(Sequential features, int pooledSize, Sequential classifier)
    {
        Features = RegisterModule("features", features);
        AvgPool = RegisterModule("avgpool", new AdaptiveAvgPool2d(pooledSize));
        Classifier = RegisterModule("classifier", classifier);
    }

    public Sequential Features { get; }
    public AdaptiveAvgPool2d AvgPool { get; }
    public Sequential Classifier { get; }

    /// <remarks>In training the step's activations go back to the buffer pool once backward has freed its graph, when the
    /// tree holds only built-in feed-forward layers and no hook (<see cref="FeedForwardLayers"/>).</remarks>
    protected override Tensor ForwardCore(Tensor input) => TrainingCallRecycling.Run(this, LayersThatKeepNothing,
        () => Classifier.Forward(AvgPool.Forward(Features.Forward(input)).Flatten(1)));

    private static readonly IReadOnlySet<Type> LayersThatKeepNothing = FeedForwardLayers.With(typeof(Vgg));
}
