using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sharpgrad.NN;
using Sharpgrad.Onnx;

namespace Sharpgrad.Tests.Onnx;

/// <summary>
/// Parity for models with dynamic axes: exports once from a sample, then runs the file in ONNX Runtime on the sample
/// and on inputs of other batch sizes and lengths, each compared with Sharpgrad's own eval-mode forward pass to 1e-5
/// (absolute, plus 1e-5 relative for the few outputs above 1), and with the same output shape. Inputs are float32
/// values or int64 token ids.
/// </summary>
public static class OnnxSequenceParity
{
    public const double Tolerance = 1e-5;

    public static readonly IReadOnlyDictionary<int, string> BatchThenSeq = new Dictionary<int, string> { [0] = "batch", [1] = "seq" };
    public static readonly IReadOnlyDictionary<int, string> SeqThenBatch = new Dictionary<int, string> { [0] = "seq", [1] = "batch" };

    public static Tensor Values(int seed, params int[] shape) => Tensor.Randn(shape, generator: new Generator(seed));

    public static void AssertParity(Module<Tensor, Tensor> model, IReadOnlyDictionary<int, string> dynamicAxes, Tensor sample,
        Tensor[] otherInputs, string name)
    {
        model.Eval();
        OnnxParity.WithExportPath(name, path =>
        {
            model.ExportOnnx(path, sample, dynamicAxes: dynamicAxes);
            using var session = new InferenceSession(path);
            Assert.Equal(dynamicAxes.Values.Order(), session.InputMetadata["input"].SymbolicDimensions.Where(d => d.Length > 0).Order());
            foreach (var input in otherInputs.Prepend(sample))
            {
                Tensor expected;
                using (Autograd.NoGrad()) expected = model.Forward(input);
                var (shape, actual) = Run(session, input);
                Assert.Equal(expected.Shape.ToArray(), shape);
                // An output dim declared with an input axis's name must be that axis's size, for every input.
                var declared = session.OutputMetadata.Values.First().SymbolicDimensions;
                for (int d = 0; d < declared.Length; d++)
                    foreach (var (axis, axisName) in dynamicAxes)
                        if (declared[d] == axisName)
                            Assert.True(expected.Size(d) == input.Size(axis), $"output dim {d} is declared '{axisName}' but is {expected.Size(d)} for input {input.ShapeText}");
                float[] want = expected.ToArray<float>();
                for (int i = 0; i < want.Length; i++)
                    Assert.True(Math.Abs(actual[i] - want[i]) <= Tolerance * (1 + Math.Abs(want[i])),
                        $"input {input.ShapeText}, element {i}: ONNX Runtime {actual[i]}, Sharpgrad {want[i]}");
            }
        });
    }

    /// <summary>The output's shape and values from ONNX Runtime for a float32 or int64 input.</summary>
    public static (int[] Shape, float[] Values) Run(InferenceSession session, Tensor input)
    {
        int[] dims = input.Shape.ToArray();
        var value = input.DType == DType.Int64
            ? NamedOnnxValue.CreateFromTensor("input", new DenseTensor<long>(input.ToArray<long>(), dims))
            : NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(input.ToArray<float>(), dims));
        using var results = session.Run([value]);
        var output = results.Single(r => r.Name == "output").AsTensor<float>();
        return ([.. output.Dimensions.ToArray()], [.. output]);
    }
}
