using System.Runtime.CompilerServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sharpgrad.NN;
using Sharpgrad.Onnx;

namespace Sharpgrad.Tests.Onnx;

/// <summary>
/// Exports a model, runs the file in ONNX Runtime (an independent implementation) and compares with Sharpgrad's own
/// eval-mode forward pass: 1e-4 relative in float32, plus 1e-5 absolute for outputs that are nearly zero, where the two
/// libraries' different summation orders show most.
/// </summary>
public static class OnnxParity
{
    public static void AssertParity(Module<Tensor, Tensor> model, Tensor input, [CallerMemberName] string name = "")
    {
        model.Eval();
        float[] expected;
        using (Autograd.NoGrad()) expected = model.Forward(input).ToArray<float>();

        WithExportPath(name, path =>
        {
            model.ExportOnnx(path, input);
            float[] actual = RunOnnxRuntime(path, input);
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                double tolerance = 1e-4 * Math.Abs(expected[i]) + 1e-5;
                Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance,
                    $"element {i}: ONNX Runtime {actual[i]}, Sharpgrad {expected[i]}");
            }
        });
    }

    /// <summary>
    /// Runs <paramref name="test"/> with a path to export to: a temporary file, deleted afterwards, or with
    /// SHARPGRAD_ONNX_KEEP=DIR a file in DIR named after the test, kept for bench/check_onnx.py.
    /// </summary>
    public static void WithExportPath(string name, Action<string> test)
    {
        string? keep = Environment.GetEnvironmentVariable("SHARPGRAD_ONNX_KEEP");
        string path = keep is null
            ? Path.Combine(Path.GetTempPath(), $"sharpgrad-{Guid.NewGuid():N}.onnx")
            : Path.Combine(keep, $"{name}.onnx");
        try
        {
            test(path);
        }
        finally
        {
            if (keep is null) File.Delete(path);
        }
    }

    public static float[] RunOnnxRuntime(string path, Tensor input)
    {
        using var session = new InferenceSession(path);
        var value = new DenseTensor<float>(input.ToArray<float>(), input.Shape.ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", value)]);
        return [.. results.Single(r => r.Name == "output").AsEnumerable<float>()];
    }

    /// <summary>A few training-mode batches, so the running statistics are not the initial 0 and 1, and random affine
    /// parameters, so that every input of ONNX's BatchNormalization matters.</summary>
    public static void TrainBatchNormStatistics(Module<Tensor, Tensor> model, int[] inputShape, Generator g)
    {
        model.Train();
        using var _ = Autograd.NoGrad();
        foreach (var norm in model.Modules().OfType<BatchNorm2d>())
        {
            norm.Weight!.CopyFrom(Tensor.Rand([norm.NumFeatures], generator: g) + 0.5);
            norm.Bias!.CopyFrom(Tensor.Randn([norm.NumFeatures], generator: g));
        }
        for (int step = 0; step < 3; step++)
            model.Forward(Tensor.Randn(inputShape, generator: g) * 2 + 1);
    }
}
