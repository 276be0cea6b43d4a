using Sharpgrad.NN;
using Sharpgrad.Onnx;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.Onnx;

/// <summary>
/// Issue #18's weight import: the initializers of a file exported by torch.onnx.export
/// (Fixtures/make_onnx_import_fixture.py) load into the same layers built in Sharpgrad, which then give PyTorch's
/// outputs; Sharpgrad's own exports read back bit for bit; a damaged file is an error naming the byte.
/// </summary>
public sealed class OnnxImportTests : Sharpgrad.Tests.IO.TempDirectory
{
    private static Sequential SameLayersAsTheFixture() =>
        new(new Conv2d(1, 3, 3, padding: 1), new ReLU(), new Flatten(), new Linear(48, 5), new Tanh(), new Linear(5, 2));

    [Fact]
    public void PyTorchExportedWeightsGivePyTorchsOutputs()
    {
        var model = SameLayersAsTheFixture();
        model.LoadOnnxWeights(Fixture.PathOf("onnx_import.onnx"));
        var json = Fixture.Load("onnx_import.json");
        model.Eval();
        var output = model.Forward(Fixture.Tensor(json.GetProperty("input"), DType.Float32));
        Sharpgrad.Tests.Tensors.TensorAssert.Close(Fixture.Tensor(json.GetProperty("output")), output.Double(), 1e-5);
    }

    [Fact]
    public void SharpgradExportsReadBackBitForBit()
    {
        var model = SameLayersAsTheFixture();
        var path = PathOf("model.onnx");
        model.ExportOnnx(path, Tensor.Zeros([1, 1, 4, 4]));
        var read = OnnxImport.ReadInitializers(path);
        foreach (var (name, tensor) in model.StateDict())
            Assert.Equal(tensor.ToArray<float>(), read[name].ToArray<float>());
    }

    /// <summary>
    /// A model with batch norm and an option-A shortcut round-trips through its own export: the graph's constants
    /// (const_N) are not state-dict keys and num_batches_tracked is not exported, and neither stops the load.
    /// </summary>
    [Fact]
    public void LoadOnnxWeightsRestoresAnExportedResNet()
    {
        var original = Sharpgrad.Models.ModelZoo.ResNet20(classes: 4, generator: new Generator(1));
        var path = PathOf("resnet20.onnx");
        original.ExportOnnx(path, Tensor.Zeros([1, 3, 8, 8]));
        var copy = Sharpgrad.Models.ModelZoo.ResNet20(classes: 4, generator: new Generator(2));
        copy.LoadOnnxWeights(path);
        var copied = copy.StateDict();
        foreach (var (name, tensor) in original.StateDict().Where(p => !p.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)))
            Assert.Equal(tensor.ToArray<float>(), copied[name].ToArray<float>());
    }

    [Fact]
    public void ATruncatedFileNamesTheByteOffset()
    {
        var bytes = File.ReadAllBytes(Fixture.PathOf("onnx_import.onnx"));
        var path = PathOf("truncated.onnx");
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);
        var error = Assert.Throws<InvalidDataException>(() => OnnxImport.ReadInitializers(path));
        Assert.Contains("truncated.onnx: byte ", error.Message);
        Assert.Contains("malformed ONNX", error.Message);
    }

    [Fact]
    public void WeightsForOtherLayersAreRefusedWithTheKeys()
    {
        var other = new Sequential(new Conv2d(1, 3, 3, padding: 1), new ReLU(), new Flatten(), new Linear(48, 6), new Tanh(), new Linear(6, 2));
        var error = Assert.Throws<InvalidDataException>(() => other.LoadOnnxWeights(Fixture.PathOf("onnx_import.onnx")));
        Assert.Contains("do not fit the model", error.Message);
        Assert.Contains("3.weight", error.Message);
    }

    [Fact]
    public void AFileThatIsNotOnnxIsRefused()
    {
        var path = PathOf("text.onnx");
        File.WriteAllText(path, "not a model");
        Assert.Throws<InvalidDataException>(() => OnnxImport.ReadInitializers(path));
    }
}
