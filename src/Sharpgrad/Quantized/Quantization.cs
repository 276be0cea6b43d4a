using Sharpgrad.NN;

namespace Sharpgrad.Quantized;

/// <summary>
/// Post-training static quantisation to int8 (GBC §12.1.6; Jacob et al. 2018; PyTorch's eager-mode workflow with the
/// fbgemm scheme): per-channel symmetric int8 weights, per-tensor affine uint8 activations, int32 accumulation,
/// requantisation to each next layer's scale. Two departures from fbgemm's default qconfig: activations are calibrated
/// with a min/max observer (PyTorch's default is a HistogramObserver, which clips outliers by minimising the
/// quantisation error), and they use all 8 bits (PyTorch reduces the range to 7, a constraint of fbgemm's AVX2 kernel
/// that Sharpgrad's int8 GEMM does not have).
/// <code>
/// var prepared = Quantization.PrepareStatic(model);
/// foreach (var (x, _) in calibrationBatches) prepared.Forward(x);
/// var int8 = Quantization.Convert(prepared);
/// var logits = int8.Forward(x);
/// </code>
/// </summary>
public static class Quantization
{
    /// <summary>
    /// Plans the quantisation of <paramref name="model"/> (a Sequential, nested ones flattened): each Conv2d (groups 1,
    /// zero padding) and Linear runs in int8, with a ReLU right after it fused; Flatten reshapes the codes; max
    /// pooling, ReLU, dropout and identity keep their input's quantisation; any other layer runs in float between a
    /// dequantisation and a calibrated quantisation. The float model is not changed.
    /// </summary>
    public static PreparedModel PrepareStatic(Sequential model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layers = Leaves(model, "").ToList();
        if (layers.Count == 0) throw new ArgumentException("Quantization.PrepareStatic: the Sequential is empty; there is nothing to quantise.");
        return new PreparedModel(model, CalibrationStage.Plan(layers));
    }

    /// <summary>The int8 inference model of a calibrated <paramref name="prepared"/> model.</summary>
    public static QuantizedModel Convert(PreparedModel prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var quant = prepared.InputObserver.Params();
        var steps = new List<QuantizedStep>();
        foreach (var stage in prepared.Stages)
        {
            QuantizedStep step = stage.Kind switch
            {
                StageKind.Conv => new QuantizedConv2d(stage.Name, (Conv2d)stage.Layers[0], quant, stage.Observer!.Params(), relu: stage.Layers.Count == 2),
                StageKind.Linear => Linear(stage, quant),
                StageKind.Flatten => new FlattenStep(stage.Name),
                _ => new FloatStep(stage.Name, stage.Layers, stage.Observer?.Params()),
            };
            quant = stage.Observer?.Params() ?? quant;
            steps.Add(step);
        }
        return new QuantizedModel(prepared.InputObserver.Params(), steps);
    }

    /// <summary>PrepareStatic, a forward pass over each of <paramref name="calibrationBatches"/>, and Convert.</summary>
    public static QuantizedModel QuantizeStatic(Sequential model, IEnumerable<Tensor> calibrationBatches)
    {
        ArgumentNullException.ThrowIfNull(calibrationBatches);
        var prepared = PrepareStatic(model);
        foreach (var batch in calibrationBatches) prepared.Forward(batch);
        return Convert(prepared);
    }

    private static QuantizedLinear Linear(CalibrationStage stage, QuantParams input)
    {
        var linear = (NN.Linear)stage.Layers[0];
        return new QuantizedLinear(stage.Name, new QuantizedWeight(linear.Weight, linear.Bias), input, stage.Observer!.Params(), relu: stage.Layers.Count == 2);
    }

    private static IEnumerable<(string Name, Module<Tensor, Tensor> Layer)> Leaves(Sequential model, string prefix)
    {
        foreach (var (name, child) in model.NamedChildren())
        {
            string path = prefix + name;
            if (child is Sequential nested)
                foreach (var leaf in Leaves(nested, path + ".")) yield return leaf;
            else if (child is Module<Tensor, Tensor> layer) yield return (path, layer);
            else throw new ArgumentException($"Quantization.PrepareStatic: layer {path} ({child.GetType().Name}) does not map a tensor to a tensor.");
        }
    }
}
