using Sharpgrad.IO;
using Sharpgrad.NN;

namespace Sharpgrad.Tests.IO;

public class ModuleSerializationTests : TempDirectory
{
    private static Sequential Mlp(long seed)
    {
        var g = new Generator(seed);
        return new Sequential(new Linear(3, 4, generator: g), new ReLU(), new Linear(4, 2, generator: g));
    }

    [Fact]
    public void SaveThenLoadRestoresEveryParameter()
    {
        var path = PathOf("mlp.safetensors");
        var source = Mlp(1);
        source.Save(path);

        var target = Mlp(2);
        Assert.False(source.Parameters().First().Eq(target.Parameters().First()).All());
        var result = target.Load(path);
        Assert.Empty(result.MissingKeys);
        Assert.Empty(result.UnexpectedKeys);
        foreach (var ((name, a), (_, b)) in source.NamedParameters().Zip(target.NamedParameters()))
            Assert.True(a.Eq(b).All(), name);
        var x = Tensor.Randn([5, 3], DType.Float32, new Generator(3));
        Assert.True(source.Forward(x).Eq(target.Forward(x)).All());
    }

    [Fact]
    public void TheFileIsAPyTorchStyleStateDict()
    {
        var path = PathOf("mlp.safetensors");
        Mlp(1).Save(path);
        var file = SafeTensors.LoadWithMetadata(path);
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal(["0.bias", "0.weight", "2.bias", "2.weight"], file.Tensors.Keys.Order());
        Assert.Equal([4, 3], file.Tensors["0.weight"].Shape); // Linear weight is [out, in]
        Assert.Equal([2], file.Tensors["2.bias"].Shape);
    }

    [Fact]
    public void StrictLoadRejectsADifferentArchitectureAndLenientLoadReportsIt()
    {
        var path = PathOf("mlp.safetensors");
        Mlp(1).Save(path);
        var other = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2, bias: false), new Linear(2, 2));
        var e = Assert.Throws<ArgumentException>(() => other.Load(path));
        Assert.Contains("Unexpected keys: 2.bias", e.Message);
        Assert.Contains("3.weight", e.Message);

        var result = other.Load(path, strict: false);
        Assert.Equal(["3.weight", "3.bias"], result.MissingKeys);
        Assert.Equal(["2.bias"], result.UnexpectedKeys);
    }
}
