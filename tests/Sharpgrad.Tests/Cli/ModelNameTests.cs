using Sharpgrad.Cli.Training;
using Sharpgrad.Models;

namespace Sharpgrad.Tests.Cli;

/// <summary>One model registry behind train, eval and summary: each model has one name everywhere.</summary>
public class ModelNameTests
{
    [Theory]
    [InlineData(ModelKind.Mlp, "mlp")]
    [InlineData(ModelKind.Cnn, "cnn")]
    [InlineData(ModelKind.Lenet5, "lenet5")]
    public void EveryTrainModelIsARegistryModelOfTheSameName(ModelKind kind, string name)
    {
        Assert.Equal(name, kind.RegistryName());
        Assert.Contains(name, ModelRegistry.Names);
    }

    [Theory]
    [InlineData(ModelKind.Cnn, 1, 8, 8)]
    [InlineData(ModelKind.Lenet5, 1, 28, 28)]
    public void TrainAndSummaryBuildTheSameArchitecture(ModelKind kind, int channels, int height, int width)
    {
        var trained = kind.Build(new ImageShape(channels, height, width), [32], new Generator(0));
        var summarised = ModelRegistry.Create(kind.RegistryName(), [channels, height, width], ModelKinds.Classes, new Generator(0));
        Assert.Equal(summarised.StateDict().Keys, trained.StateDict().Keys);
        Assert.Equal(summarised.StateDict().Values.Select(t => t.ShapeText), trained.StateDict().Values.Select(t => t.ShapeText));
    }
}
