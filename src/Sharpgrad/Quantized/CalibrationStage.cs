using Sharpgrad.NN;

namespace Sharpgrad.Quantized;

/// <summary>How a stage of a prepared model becomes a step of the quantised one.</summary>
internal enum StageKind
{
    /// <summary>Conv2d (+ ReLU) in int8.</summary>
    Conv,

    /// <summary>Linear (+ ReLU) in int8.</summary>
    Linear,

    /// <summary>Flatten from dim 1: a new shape on the same codes.</summary>
    Flatten,

    /// <summary>Max pooling, ReLU, dropout, identity: in float, keeping the input's quantisation.</summary>
    OrderPreserving,

    /// <summary>Any other layer: in float, with its own calibrated output quantisation.</summary>
    Float,
}

/// <summary>
/// One stage of a <see cref="PreparedModel"/>: the float layers it runs (a Conv2d or Linear with the ReLU fused into
/// it, as PyTorch's fuse_modules does) and the observer of its output, when it needs one.
/// </summary>
internal sealed record CalibrationStage(string Name, StageKind Kind, IReadOnlyList<Module<Tensor, Tensor>> Layers, MinMaxObserver? Observer)
{
    public Tensor Forward(Tensor x)
    {
        foreach (var layer in Layers) x = layer.Forward(x);
        Observer?.Observe(x);
        return x;
    }

    /// <summary>The stages of <paramref name="layers"/> (named leaves of a Sequential, nested ones flattened), in order.</summary>
    public static List<CalibrationStage> Plan(IReadOnlyList<(string Name, Module<Tensor, Tensor> Layer)> layers)
    {
        var stages = new List<CalibrationStage>();
        for (int i = 0; i < layers.Count; i++)
        {
            var (name, layer) = layers[i];
            var kind = KindOf(layer);
            bool fuse = kind is StageKind.Conv or StageKind.Linear && i + 1 < layers.Count && layers[i + 1].Layer is ReLU;
            var members = fuse ? new[] { layer, layers[i + 1].Layer } : [layer];
            string label = fuse ? $"{name}+{layers[i + 1].Name} {layer.GetType().Name}+ReLU" : $"{name} {layer.GetType().Name}";
            label += kind is StageKind.Conv or StageKind.Linear or StageKind.Flatten ? " (int8)" : " (float)";
            bool observed = kind is StageKind.Conv or StageKind.Linear or StageKind.Float;
            stages.Add(new CalibrationStage(label, kind, members, observed ? new MinMaxObserver(label) : null));
            if (fuse) i++;
        }
        return stages;
    }

    private static StageKind KindOf(Module<Tensor, Tensor> layer) => layer switch
    {
        Conv2d c when c.Groups == 1 && c.PaddingMode == PaddingMode.Zeros && c.Weight.DType == DType.Float32 => StageKind.Conv,
        NN.Linear l when l.Weight.DType == DType.Float32 => StageKind.Linear,
        Flatten { StartDim: 1, EndDim: -1 } => StageKind.Flatten,
        MaxPoolNd or ReLU or Dropout or Identity => StageKind.OrderPreserving,
        _ => StageKind.Float,
    };
}
