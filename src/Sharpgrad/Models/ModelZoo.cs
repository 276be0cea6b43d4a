namespace Sharpgrad.Models;

/// <summary>
/// The books' reference architectures, built from the layers of <see cref="NN"/>, like <c>torchvision.models</c>:
/// <c>ModelZoo.LeNet5()</c>, <c>ModelZoo.ResNet18()</c>, <c>ModelZoo.Vgg("D")</c>. One file per model family
/// (ModelZoo.LeNet.cs, ModelZoo.ResNet.cs, …); the blocks they repeat (residual, dense, inception) live in Blocks/.
/// </summary>
/// <remarks>
/// The architectures torchvision has are classes laid out like torchvision's (<see cref="ResNet"/>, <see cref="Vgg"/>,
/// <see cref="DenseNet"/>), so their state-dict keys, order and shapes equal torchvision 0.14's ("layer2.0.conv1.weight",
/// "features.denseblock1.denselayer1.norm1.weight") and torchvision's weights load by name. The smaller models (LeNet-5,
/// NIN, the MLP, Buduma's CNNs) are <see cref="NN.Sequential"/>s with positional names ("0.weight"), as the PyTorch
/// references they mirror. <c>model.Summary(shape)</c> lists any of them layer by layer. Parameter counts equal the
/// reference architectures'; each factory's comment shows the arithmetic. The class is not called <c>Models</c> because a type named like its
/// namespace cannot be reached by its short name from code inside the <c>Sharpgrad</c> namespace.
/// </remarks>
public static partial class ModelZoo;
