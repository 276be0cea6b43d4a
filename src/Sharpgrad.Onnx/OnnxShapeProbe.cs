using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>
/// Runs the sample input through the model to learn what the walk by type cannot see: the input shape of every module
/// called with one tensor (Linear is Gemm for 2-D inputs but MatMul for a sequence's [N, T, E]), the output's shape, and
/// which output dims follow the input's dynamic axes. For the last, each dynamic axis in turn is grown by one (the
/// sample's first slice along it is appended, so an Embedding's indices stay valid) and the output dims that change are
/// given that axis's name. A model that rejects the longer input cannot be exported with that axis dynamic.
/// </summary>
internal static class OnnxShapeProbe
{
    /// <summary>The graph's input and output descriptions and the modules' recorded input shapes.</summary>
    public sealed record Result(OnnxModelWriter.ValueInfo Input, OnnxModelWriter.ValueInfo Output, IReadOnlyDictionary<Module, int[]> InputShapes);

    public static Result Run(Module<Tensor, Tensor> model, Tensor sample, IReadOnlyDictionary<int, string> dynamicAxes)
    {
        var axes = CheckAxes(sample, dynamicAxes);
        var shapes = new Dictionary<Module, int[]>(ReferenceEqualityComparer.Instance);
        var handles = model.Modules().Select(m => m.RegisterForwardPreHook((module, input) =>
        {
            if (input is Tensor tensor) shapes.TryAdd(module, tensor.Shape.ToArray());
        })).ToList();
        int[] outputShape;
        try
        {
            outputShape = Forward(model, sample);
        }
        finally
        {
            foreach (var handle in handles) handle.Remove();
        }

        var outputNames = new string?[outputShape.Length];
        foreach (var (axis, name) in axes)
        {
            var grown = Tensor.Cat([sample, sample.Narrow(axis, 0, 1)], axis);
            int[] grownShape;
            try
            {
                grownShape = Forward(model, grown);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException(
                    $"ExportOnnx: input axis {axis} ('{name}') cannot be dynamic: the model rejects the input {grown.ShapeText} ({e.Message})", e);
            }
            if (grownShape.Length != outputShape.Length)
                throw new ArgumentException(
                    $"ExportOnnx: input axis {axis} ('{name}') cannot be dynamic: the output's rank changes from {outputShape.Length} to {grownShape.Length} with it.");
            // An output dim is that axis itself only when it equals it and grows with it one for one (a tagger's time
            // axis); one that merely changes with it (a valid convolution's T − k + 1, a flatten's T·E) gets a symbol of
            // its own, so the file never declares two different sizes equal.
            for (int d = 0; d < outputShape.Length; d++)
                if (grownShape[d] != outputShape[d])
                    outputNames[d] ??= outputShape[d] == sample.Size(axis) && grownShape[d] == outputShape[d] + 1 ? name : $"{name}_derived_{d}";
        }
        var inputNames = Enumerable.Range(0, sample.Rank).Select(d => axes.TryGetValue(d, out var n) ? n : null).ToArray();
        return new Result(
            new OnnxModelWriter.ValueInfo("input", inputNames, sample.Shape.ToArray(), OnnxModelWriter.ElementType(sample.DType)),
            new OnnxModelWriter.ValueInfo("output", outputNames, outputShape),
            shapes);
    }

    private static int[] Forward(Module<Tensor, Tensor> model, Tensor input)
    {
        using (Autograd.NoGrad()) return model.Forward(input).Shape.ToArray();
    }

    /// <summary>The axes with negative ones counted from the end, after checking they exist and are named once.</summary>
    private static Dictionary<int, string> CheckAxes(Tensor sample, IReadOnlyDictionary<int, string> dynamicAxes)
    {
        var axes = new Dictionary<int, string>();
        foreach (var (given, name) in dynamicAxes)
        {
            int axis = given < 0 ? given + sample.Rank : given;
            if (axis < 0 || axis >= sample.Rank)
                throw new ArgumentException($"ExportOnnx: dynamic axis {given} does not exist in the sample input of shape {sample.ShapeText}.");
            if (string.IsNullOrWhiteSpace(name) || axes.ContainsValue(name) || !axes.TryAdd(axis, name))
                throw new ArgumentException($"ExportOnnx: dynamic axes need distinct non-empty names and axes, got {given} → '{name}' more than once or empty.");
        }
        return axes;
    }
}
