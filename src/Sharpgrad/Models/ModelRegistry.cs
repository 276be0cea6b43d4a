using Sharpgrad.NN;

namespace Sharpgrad.Models;

/// <summary>
/// The architectures of <see cref="ModelZoo"/> by command-line name ("lenet5", "resnet18", …), so every command
/// (<c>sharpgrad summary</c>, <c>sharpgrad train</c>) offers the same list and builds models the same way. Each entry
/// takes the number of input channels from the input shape [C, H, W]; a model whose classifier depends on the image
/// size (Buduma's CIFAR CNN) takes H as the side; the MLP flattens any shape. A shape the architecture cannot
/// take is rejected when the model first runs (e.g. by <see cref="ModuleSummaryExtensions.Summary"/>), naming the layer.
/// </summary>
public static class ModelRegistry
{
    private static readonly ModelEntry[] entries =
    [
        new("lenet5", "LeNet-5 for 28×28 images (61,706 parameters)", [1, 28, 28], 10,
            (s, k, g) => ModelZoo.LeNet5(k, s[0], g)),
        new("cnn", "the classification chapter's CNN for 8×8 digits (2450 parameters)", [1, 8, 8], 10,
            (s, k, g) => k == 10 && s.SequenceEqual([1, 8, 8]) ? ModelZoo.ClassificationChapterCnn(g)
                : throw new ArgumentException($"cnn: the architecture is fixed to input 1x8x8 and 10 classes, got {Shape(s)} and {k}.")),
        new("mlp", "multi-layer perceptron, one hidden layer of 32 (2410 parameters on 8×8 digits)", [64], 10,
            (s, k, g) => s.Length == 1 ? ModelZoo.Mlp(s[0], [32], k, g)
                : new Sequential([new Flatten(), .. ModelZoo.Mlp(s.Aggregate(1, (a, b) => a * b), [32], k, g)])),
        new("buduma-cnn", "Buduma ch5's MNIST CNN (3,274,634 parameters)", [1, 28, 28], 10,
            (s, k, g) => ModelZoo.BudumaMnistCnn(k, s[0], g)),
        new("cifar-cnn", "Buduma ch5's CIFAR-10 CNN with batch norm", [3, 32, 32], 10,
            (s, k, g) => ModelZoo.BudumaCifarCnn(true, k, Side(s, "cifar-cnn"), s[0], g)),
        .. Vgg("vgg11", "A"), .. Vgg("vgg13", "B"), .. Vgg("vgg16c", "C"), .. Vgg("vgg16", "D"), .. Vgg("vgg19", "E"),
        new("resnet18", "ResNet-18, torchvision layout (11,689,512 parameters at 1000 classes)", [3, 224, 224], 1000,
            (s, k, g) => ModelZoo.ResNet18(k, s[0], g)),
        new("resnet34", "ResNet-34, torchvision layout (21,797,672 parameters at 1000 classes)", [3, 224, 224], 1000,
            (s, k, g) => ModelZoo.ResNet34(k, s[0], g)),
        new("resnet50", "ResNet-50 with bottleneck blocks (25,557,032 parameters at 1000 classes)", [3, 224, 224], 1000,
            (s, k, g) => ModelZoo.ResNet50(k, s[0], g)),
        new("resnet20", "CIFAR ResNet-20, option A shortcuts (269,722 parameters)", [3, 32, 32], 10,
            (s, k, g) => ModelZoo.ResNet20(k, ShortcutOption.A, s[0], g)),
        new("resnet56", "CIFAR ResNet-56, option A shortcuts (853,018 parameters)", [3, 32, 32], 10,
            (s, k, g) => ModelZoo.ResNet56(k, ShortcutOption.A, s[0], g)),
        new("densenet121", "DenseNet-121, torchvision layout (7,978,856 parameters at 1000 classes)", [3, 224, 224], 1000,
            (s, k, g) => ModelZoo.DenseNet121(k, s[0], g)),
        new("densenet-bc", "DenseNet-BC-100, k = 12, for 32×32 images (769,162 parameters)", [3, 32, 32], 10,
            (s, k, g) => ModelZoo.DenseNetBC(100, 12, k, 0.5, s[0], g)),
        new("nin", "Network in Network for CIFAR-10 (966,986 parameters)", [3, 32, 32], 10,
            (s, k, g) => ModelZoo.Nin(k, s[0], generator: g)),
    ];

    /// <summary>Every entry, in the order help texts list them.</summary>
    public static IReadOnlyList<ModelEntry> Entries => entries;

    /// <summary>The accepted names, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = entries.Select(e => e.Name).ToArray();

    /// <summary>The entry called <paramref name="name"/> (case-insensitive), or false.</summary>
    public static bool TryGet(string name, out ModelEntry entry)
    {
        entry = entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return entry is not null;
    }

    /// <summary>Builds <paramref name="name"/>; unknown names throw, listing the accepted ones.</summary>
    /// <param name="input">per-example input shape; default: the entry's <see cref="ModelEntry.DefaultInput"/></param>
    /// <param name="classes">default: the entry's <see cref="ModelEntry.DefaultClasses"/></param>
    public static Module<Tensor, Tensor> Create(string name, int[]? input = null, int? classes = null, Generator? generator = null)
    {
        if (!TryGet(name, out var entry))
            throw new ArgumentException($"ModelRegistry: unknown model \"{name}\"; expected one of: {string.Join(", ", Names)}.");
        return entry.Build(input ?? [.. entry.DefaultInput], classes ?? entry.DefaultClasses, generator);
    }

    /// <summary>Plain VGG and the batch-norm variant of one configuration, torchvision's 7×7 pooling before the classifier.</summary>
    private static ModelEntry[] Vgg(string name, string configuration) =>
    [
        new(name, $"VGG configuration {configuration}", [3, 224, 224], 1000,
            (s, k, g) => ModelZoo.Vgg(configuration, k, batchNorm: false, inChannels: s[0], generator: g)),
        new(name + "-bn", $"VGG configuration {configuration} with batch norm", [3, 224, 224], 1000,
            (s, k, g) => ModelZoo.Vgg(configuration, k, batchNorm: true, inChannels: s[0], generator: g)),
    ];

    /// <summary>The side of a square [C, S, S] input.</summary>
    private static int Side(int[] shape, string model) => shape.Length == 3 && shape[1] == shape[2]
        ? shape[1]
        : throw new ArgumentException($"{model}: expected a square image input CxSxS, got {Shape(shape)}.");

    private static string Shape(int[] shape) => string.Join("x", shape);
}
