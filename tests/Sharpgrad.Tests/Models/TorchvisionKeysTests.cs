using Sharpgrad.Models;
using Sharpgrad.NN;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.Models;

/// <summary>
/// The zoo's state dicts against torchvision 0.14's (Fixtures/make_torchvision_keys.py): the same keys, in the same
/// order, with the same shapes and dtypes, buffers included, so torchvision's weights load by name.
/// </summary>
public sealed class TorchvisionKeysTests
{
    /// <summary>The zoo's factory for each torchvision name, at torchvision's defaults (1000 classes, 3 channels).</summary>
    public static readonly Dictionary<string, Func<Module>> Factories = new()
    {
        ["resnet18"] = () => ModelZoo.ResNet18(),
        ["resnet34"] = () => ModelZoo.ResNet34(),
        ["resnet50"] = () => ModelZoo.ResNet50(),
        ["vgg11"] = () => ModelZoo.Vgg("A"),
        ["vgg16"] = () => ModelZoo.Vgg("D"),
        ["vgg16_bn"] = () => ModelZoo.Vgg("D", batchNorm: true),
        ["densenet121"] = () => ModelZoo.DenseNet121(),
    };

    public static TheoryData<string> Names => [.. Factories.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void StateDictKeysShapesAndDtypesEqualTorchvisions(string name)
    {
        var expected = Fixture.Load("torchvision_keys.json").GetProperty(name).EnumerateArray()
            .Select(row => $"{row[0].GetString()} [{string.Join(", ", row[1].EnumerateArray().Select(d => d.GetInt32()))}] {row[2].GetString()}")
            .ToList();
        var actual = Factories[name]().StateDict()
            .Select(kv => $"{kv.Key} [{string.Join(", ", kv.Value.Shape)}] {kv.Value.DType.Name()}")
            .ToList();
        // Compared line by line first, so a failure names the first entry that differs rather than dumping 700 lines.
        for (int i = 0; i < Math.Min(expected.Count, actual.Count); i++)
            Assert.True(expected[i] == actual[i], $"{name}: entry {i} is \"{actual[i]}\", torchvision has \"{expected[i]}\".");
        Assert.Equal(expected.Count, actual.Count);
    }

    [Fact]
    public void TheFixtureCoversEveryFactory() =>
        Assert.Equal(Factories.Keys.Order(), Fixture.Load("torchvision_keys.json").EnumerateObject().Select(p => p.Name).Order());
}
