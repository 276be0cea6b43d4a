using System.Globalization;
using System.Text;

namespace Sharpgrad.NN;

/// <summary>
/// A per-layer table of a model, like Keras' <c>model.summary()</c>: each layer's output shape, parameter count and
/// forward FLOPs for one input shape (GBC §9 / BOOKS.md "counters"). Made by <see cref="ModuleSummaryExtensions.Summary"/>;
/// <see cref="ToString"/> formats it as plain text.
/// </summary>
/// <remarks>
/// FLOP counts differ between tools; these are the conventions, for the whole batch of the summary's input:
/// <list type="bullet">
/// <item>a multiply-add counts as 2 FLOPs, so a matrix product [m, k]·[k, n] is 2mkn, and adding a bias 1 per output;</item>
/// <item>convolutions are 2·(in/groups·kernel volume) per output element (+1 with bias), transposed ones the same per
/// input element; locally connected and tiled layers like a convolution with their kernel;</item>
/// <item>max and average pooling 1 per window tap per output (LP pooling 2 more per input element for the power);
/// adaptive and global pooling 1 per input element;</item>
/// <item>element-wise activations 1 per element; batch, layer and group norm 2 per element to normalise and 2 more
/// for the affine scale and shift; local response norm (size + 3) per element;</item>
/// <item>dropout, reshaping layers and nearest upsampling 0; linear upsampling 3 per output element per interpolated dim;</item>
/// <item>recurrent layers and cells, per time step and batch row, for every layer and direction: 2 per multiply-add of the
/// input GEMM (W_ih) and the recurrent GEMM (W_hh) and of an LSTM's projection (W_hr), 1 per bias element added, and 1 per
/// elementwise gate operation per hidden unit (RNN 2: the add and φ; LSTM 13; GRU 11; see RecurrentGates);</item>
/// <item>multihead attention (N batch rows, L queries, S keys, S' = S + 1 per bias_k and zero-attention column, E =
/// embedDim): the Q, K, V projections 2NLE² + 2NS·kdim·E + 2NS·vdim·E (+ NLE + 2NSE of biases), the scores QKᵀ 2NLS'E,
/// their 1/√d scale and softmax NHLS' each, the weighted sum of values 2NLS'E, and the output projection 2NLE² (+ NLE);
/// masks (a select) and averaging the returned weights are not counted;</item>
/// <item>transformer encoder and decoder layers: their attention, linear and norm rows, plus the activation (1 per
/// element of the [N·L, dim_feedforward] hidden layer) and 1 per element for each residual sum (2 in an encoder layer, 3
/// in a decoder layer);</item>
/// <item>anything else: unknown (null).</item>
/// </list>
/// </remarks>
public sealed class ModelSummary
{
    internal ModelSummary(string modelType, int[] inputShape, int[] outputShape, IReadOnlyList<LayerSummary> layers,
        long totalParameters, long trainableParameters)
    {
        ModelType = modelType;
        InputShape = inputShape;
        OutputShape = outputShape;
        Layers = layers;
        TotalParameters = totalParameters;
        TrainableParameters = trainableParameters;
    }

    public string ModelType { get; }

    /// <summary>The input shape the summary's forward pass used, batch dim included.</summary>
    public int[] InputShape { get; }

    public IReadOnlyList<LayerSummary> Layers { get; }

    /// <summary>The shape of the model's output (its first tensor, for a model with several outputs).</summary>
    public int[] OutputShape { get; }

    /// <summary>Σ numel over the model's parameters, each shared tensor once.</summary>
    public long TotalParameters { get; }

    /// <summary>Parameters with RequiresGrad; the rest were frozen.</summary>
    public long TrainableParameters { get; }

    public long NonTrainableParameters => TotalParameters - TrainableParameters;

    /// <summary>
    /// The FLOPs of the leaf layers that have a counting rule, plus what containers compute outside their children
    /// (<see cref="LayerSummary.OwnFlops"/>); see <see cref="HasUncountedLayers"/>.
    /// </summary>
    public long TotalFlops => Layers.Sum(l => l.IsContainer ? l.OwnFlops : l.Flops ?? 0);

    /// <summary>
    /// Half of <see cref="TotalFlops"/>: the figure papers and torchvision quote as "FLOPs" or "GMACs" (ResNet-18 at
    /// 224×224: 1.82 G), which counts a multiply-add once.
    /// </summary>
    public double TotalMultiplyAdds => TotalFlops / 2.0;

    /// <summary>Whether some layer's FLOPs are unknown (shown as "?"), so <see cref="TotalFlops"/> is a lower bound.</summary>
    public bool HasUncountedLayers => Layers.Any(l => !l.IsContainer && l.Flops is null);

    public override string ToString()
    {
        string[] header = ["Layer (type)", "Output Shape", "Param #", "FLOPs"];
        var rows = Layers.Select(l => new[]
        {
            $"{new string(' ', 2 * l.Depth)}{l.Name} ({l.Type})",
            "[" + string.Join(", ", l.OutputShape) + "]",
            Count(l.Parameters),
            l.Flops is { } f ? Count(f) : "?",
        }).ToList();
        var widths = Enumerable.Range(0, 4).Select(c => rows.Select(r => r[c].Length).Append(header[c].Length).Max()).ToArray();
        int total = widths.Sum() + 3 * 3;

        var text = new StringBuilder();
        text.AppendLine($"Model: \"{ModelType}\"");
        text.AppendLine(new string('-', total));
        text.AppendLine(Row(header, widths));
        text.AppendLine(new string('=', total));
        foreach (var row in rows) text.AppendLine(Row(row, widths));
        text.AppendLine(new string('=', total));
        text.AppendLine($"Total params: {Count(TotalParameters)}");
        text.AppendLine($"Trainable params: {Count(TrainableParameters)}");
        text.AppendLine($"Non-trainable params: {Count(NonTrainableParameters)}");
        text.Append($"Total FLOPs: {Count(TotalFlops)}{(HasUncountedLayers ? " (layers marked ? not counted)" : "")}");
        text.AppendLine($" for input [{string.Join(", ", InputShape)}]; a multiply-add counts as 2 FLOPs");
        text.AppendLine($"Total multiply-adds: {(TotalMultiplyAdds / 1e9).ToString("0.00", CultureInfo.InvariantCulture)} G");
        return text.ToString();
    }

    /// <summary>Name and shape left-aligned, the numbers right-aligned, columns three spaces apart.</summary>
    private static string Row(string[] cells, int[] widths) =>
        $"{cells[0].PadRight(widths[0])}   {cells[1].PadRight(widths[1])}   {cells[2].PadLeft(widths[2])}   {cells[3].PadLeft(widths[3])}".TrimEnd();

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
