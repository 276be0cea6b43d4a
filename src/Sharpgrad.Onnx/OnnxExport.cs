using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>Writes a model as an ONNX file that ONNX Runtime (or any ONNX consumer) can run for inference.</summary>
public static class OnnxExport
{
    /// <summary>The only opset written: 17, with IR version 8, which Debian's python3-onnx 1.12 checker accepts.</summary>
    public const int SupportedOpset = 17;

    /// <summary>
    /// Exports <paramref name="model"/> in eval mode as an ONNX graph to <paramref name="path"/>. The model is walked
    /// by module type (Sequential and the zoo's layers); <paramref name="sampleInput"/> fixes every dimension but the
    /// first, which stays symbolic ("batch"), and is run through the model once to find the output's shape. The
    /// model's training/eval modes are restored afterwards. Weights are stored as float32 initializers named by their
    /// state-dict keys.
    /// </summary>
    /// <exception cref="NotSupportedException">A module has no ONNX mapping; the message names it.</exception>
    public static void ExportOnnx(this Module<Tensor, Tensor> model, string path, Tensor sampleInput, int opset = SupportedOpset)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sampleInput);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (opset != SupportedOpset)
            throw new ArgumentException($"ExportOnnx: opset {opset} is not supported, expected {SupportedOpset}.", nameof(opset));
        if (sampleInput.Rank < 1)
            throw new ArgumentException($"ExportOnnx: the sample input must have a batch dim, got shape {sampleInput.Shape}.", nameof(sampleInput));
        // Written to a temporary file and renamed, so a failure never leaves a half-written model behind.
        Sharpgrad.IO.AtomicFile.WriteAllBytes(path, ToOnnxBytes(model, sampleInput));
    }

    /// <summary>The bytes <see cref="ExportOnnx"/> writes.</summary>
    public static byte[] ToOnnxBytes(Module<Tensor, Tensor> model, Tensor sampleInput)
    {
        using var modes = model.EvalScope();
        var graph = new OnnxGraphBuilder();
        string output = LayerExporter.Export(graph, model, "", "input");
        int[] outputShape;
        using (Autograd.NoGrad()) outputShape = model.Forward(sampleInput).Shape;
        var input = ValueInfo("input", sampleInput.Shape);
        // The graph's last node writes its value under a generated name; an Identity gives it the name "output".
        graph.NameValue(output, "output");
        return OnnxModelWriter.Write(graph, model.GetType().Name, input, ValueInfo("output", outputShape), SupportedOpset);
    }

    private static OnnxModelWriter.ValueInfo ValueInfo(string name, int[] shape) =>
        new(name, [.. shape.Select((_, d) => d == 0 ? "batch" : null)], shape);
}
