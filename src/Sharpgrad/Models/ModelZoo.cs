namespace Sharpgrad.Models;

/// <summary>
/// The books' reference architectures, built from the layers of <see cref="NN"/>, like <c>torchvision.models</c>:
/// <c>ModelZoo.LeNet5()</c>, <c>ModelZoo.ResNet18()</c>, <c>ModelZoo.Vgg("D")</c>. One file per model family
/// (ModelZoo.LeNet.cs, ModelZoo.ResNet.cs, …); the blocks they repeat (residual, dense, inception) live in Blocks/.
/// </summary>
/// <remarks>
/// Every factory returns a <see cref="NN.Sequential"/>, so <c>model.Summary(shape)</c> lists it layer by layer and
/// state-dict names are positional ("0.weight", "4.1.conv2.weight") as for a PyTorch nn.Sequential. The blocks use
/// torchvision's child names (conv1, bn1, downsample …). Parameter counts equal the reference architectures'; each
/// factory's comment shows the arithmetic. The class is not called <c>Models</c> because a type named like its
/// namespace cannot be reached by its short name from code inside the <c>Sharpgrad</c> namespace.
/// </remarks>
public static partial class ModelZoo;
