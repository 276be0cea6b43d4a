using System.Diagnostics;
using System.Text.Json;
using Sharpgrad.IO;
using Sharpgrad.NN;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.IO;

/// <summary>
/// safetensors F16 and BF16 both ways (issue #20), without widening: a file PyTorch wrote (Fixtures/
/// safetensors_half.safetensors, by make_half_safetensors.py) loads as float16/bfloat16 tensors with its exact values,
/// and the same tensors saved by Sharpgrad give PyTorch's bytes and are read back by PyTorch itself (the script's
/// --check, run when /usr/bin/python3 with torch is installed).
/// </summary>
public class HalfSafeTensorsTests : TempDirectory
{
    private static readonly JsonElement Expected = Fixture.Load("safetensors_half.json");

    private static Dictionary<string, Tensor> ExpectedTensors() => Expected.GetProperty("tensors").EnumerateObject().ToDictionary(
        p => p.Name,
        p => Fixture.Tensor(p.Value, DType.Float64).To(p.Value.GetProperty("dtype").GetString() switch
        {
            "F16" => DType.Float16,
            "BF16" => DType.BFloat16,
            _ => DType.Float32,
        }));

    [Fact]
    public void PyTorchsHalfFileLoadsWithItsDTypesAndValues()
    {
        var loaded = SafeTensors.Load(Fixture.PathOf("safetensors_half.safetensors"));
        var expected = ExpectedTensors();
        Assert.Equal(expected.Keys.Order(), loaded.Keys.Order());
        foreach (var (name, t) in expected)
        {
            Assert.Equal(t.DType, loaded[name].DType);
            Assert.Equal(t.Shape, loaded[name].Shape);
            // Every fixture value is exactly a half value (written from PyTorch's widening), so the comparison is exact.
            Assert.Equal(t.ToDoubleArray(), loaded[name].ToDoubleArray());
        }
        Assert.Equal(-0.0, loaded["half_special"].ToDoubleArray()[1]);
        Assert.True(double.IsNegative(loaded["brain_special"].ToDoubleArray()[0]));
    }

    [Fact]
    public void SavingGivesPyTorchsBytesAndPyTorchReadsThem()
    {
        var path = PathOf("ours.safetensors");
        var metadata = Expected.GetProperty("metadata").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        SafeTensors.Save(path, ExpectedTensors(), metadata);
        Assert.Equal(File.ReadAllBytes(Fixture.PathOf("safetensors_half.safetensors")), File.ReadAllBytes(path));

        const string python = "/usr/bin/python3";
        if (!File.Exists(python) || !HasTorch(python)) return;   // the byte comparison above stands in for PyTorch
        var (code, output) = Run(python, Fixture.PathOf("make_half_safetensors.py"), "--check", path);
        Assert.True(code == 0, $"PyTorch rejected our file:\n{output}");
    }

    [Fact]
    public void AHalfCheckpointIsHalfTheSizeOfAFloat32One()
    {
        var weights = Tensor.Randn([64, 64], DType.Float32, new Generator(3));
        string wide = PathOf("f32.safetensors"), half = PathOf("bf16.safetensors");
        SafeTensors.Save(wide, new Dictionary<string, Tensor> { ["w"] = weights });
        SafeTensors.Save(half, new Dictionary<string, Tensor> { ["w"] = weights.To(DType.BFloat16) });
        Assert.Equal(64 * 64 * 4, DataBytes(wide));
        Assert.Equal(64 * 64 * 2, DataBytes(half));
        var back = SafeTensors.Load(half)["w"];
        Assert.Equal(DType.BFloat16, back.DType);
        Assert.Equal(weights.To(DType.BFloat16).ToDoubleArray(), back.ToDoubleArray());
    }

    [Fact]
    public void ABFloat16ModelSavesAtHalfTheSizeAndLoadsBack()
    {
        static Sequential Mlp(long seed) => new(new Linear(30, 40, generator: new Generator(seed)), new ReLU(), new Linear(40, 20, generator: new Generator(seed + 1)));
        var model = Mlp(1);
        var float32 = model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Clone());
        string wide = PathOf("f32.safetensors"), half = PathOf("bf16.safetensors");
        model.Save(wide);
        model.To(DType.BFloat16);
        Assert.All(model.Parameters(), p => Assert.Equal(DType.BFloat16, p.DType));
        model.Save(half);
        int count = (30 * 40 + 40) + (40 * 20 + 20);
        Assert.Equal(count * 4, DataBytes(wide));
        Assert.Equal(count * 2, DataBytes(half));

        var again = Mlp(7).To(DType.BFloat16);
        again.Load(half);
        var widened = Mlp(7);
        widened.Load(half);   // LoadStateDict converts to the module's dtype: exact, bfloat16 ⊂ float32
        foreach (var (name, p) in again.NamedParameters())
        {
            Assert.Equal(DType.BFloat16, p.DType);
            var rounded = float32[name].To(DType.BFloat16);
            Assert.Equal(rounded.ToDoubleArray(), p.ToDoubleArray());
            Assert.Equal(rounded.ToDoubleArray(), widened.StateDict()[name].ToDoubleArray());
            Assert.Equal(DType.Float32, widened.StateDict()[name].DType);
        }
    }

    /// <summary>The file's size less the 8-byte header length and the header it gives.</summary>
    private static long DataBytes(string path) => new FileInfo(path).Length - 8 - BitConverter.ToInt64(File.ReadAllBytes(path), 0);

    private static bool HasTorch(string python) => Run(python, "-c", "import torch").Code == 0;

    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }
}
