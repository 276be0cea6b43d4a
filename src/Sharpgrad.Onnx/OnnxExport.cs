using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>Writes a model as an ONNX file that ONNX Runtime (or any ONNX consumer) can run for inference.</summary>
public static class OnnxExport
{
    /// <summary>The only opset written: 17, with IR version 8, which Debian's python3-onnx 1.12 checker accepts.</summary>
    public const int SupportedOpset = 17;

    /// <summary>
    /// Exports <paramref name="model"/> in eval mode as an ONNX graph to <paramref name="path"/>. The model is walked
    /// by module type (Sequential, the zoo's layers, Embedding, positional encodings, <see cref="SequencePooling"/>,
    /// <see cref="TransformerTextEncoder"/>, and the sequence layers through their adapters <see cref="RecurrentOutput"/>,
    /// <see cref="SelfAttention"/> and <see cref="SequenceEncoder"/>);
    /// <paramref name="sampleInput"/> fixes every dimension but the dynamic ones and is run through the model to find
    /// the output's shape. <paramref name="dynamicAxes"/> names the input dims that stay symbolic, by default
    /// {0: "batch"}; a token model would add its sequence axis, e.g. {0: "batch", 1: "seq"}. The model's
    /// training/eval modes are restored afterwards. Weights are stored as float32 initializers named by their
    /// state-dict keys (the recurrent layers' weights, whose gates ONNX orders differently, under derived names).
    /// </summary>
    /// <exception cref="NotSupportedException">A module has no ONNX mapping; the message names it.</exception>
    /// <exception cref="ArgumentException">A dynamic axis does not exist, or the model does not accept other sizes along it.</exception>
    public static void ExportOnnx(this Module<Tensor, Tensor> model, string path, Tensor sampleInput, int opset = SupportedOpset,
        IReadOnlyDictionary<int, string>? dynamicAxes = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sampleInput);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (opset != SupportedOpset)
            throw new ArgumentException($"ExportOnnx: opset {opset} is not supported, expected {SupportedOpset}.", nameof(opset));
        if (sampleInput.Rank < 1)
            throw new ArgumentException($"ExportOnnx: the sample input must have a batch dim, got shape {sampleInput.Shape}.", nameof(sampleInput));
        // Written to a temporary file and renamed, so a failure never leaves a half-written model behind.
        Sharpgrad.IO.AtomicFile.WriteAllBytes(path, ToOnnxBytes(model, sampleInput, dynamicAxes));
    }

    /// <summary>The bytes <see cref="ExportOnnx"/> writes.</summary>
    public static byte[] ToOnnxBytes(Module<Tensor, Tensor> model, Tensor sampleInput, IReadOnlyDictionary<int, string>? dynamicAxes = null)
    {
        using var modes = model.EvalScope();
        // A first walk, before the sample runs, reports a module with no ONNX mapping even when the sample does not fit
        // it; the real walk needs the shapes the sample run records.
        LayerExporter.Export(new OnnxGraphBuilder(), model, "", "input");
        var probe = OnnxShapeProbe.Run(model, sampleInput, dynamicAxes ?? BatchOnly);
        var graph = new OnnxGraphBuilder(probe.InputShapes);
        string output = LayerExporter.Export(graph, model, "", "input");
        // The graph's last node writes its value under a generated name; an Identity gives it the name "output".
        graph.NameValue(output, "output");
        return OnnxModelWriter.Write(graph, model.GetType().Name, probe.Input, probe.Output, SupportedOpset);
    }

    private static readonly Dictionary<int, string> BatchOnly = new() { [0] = "batch" };
}
