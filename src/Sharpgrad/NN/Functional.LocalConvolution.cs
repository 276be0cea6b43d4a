namespace Sharpgrad.NN;

public static partial class Functional
{
    // ---------------------------------------------------------------- unshared and tiled convolution (GBC §9.5)

    /// <summary>
    /// A locally connected layer, or "unshared convolution" (GBC §9.5, eq. 9.9): the receptive fields of a
    /// convolution, but a separate filter at every output position,
    /// Z[n, o, j, k] = b[o, j, k] + Σ_{c, m, p} V[n, c, j·s + m·d − P, k·s + p·d − P]·W[o, j, k, c, m, p].
    /// The weight is 6-D, [out, outH, outW, in, kH, kW], in the book's index order; the bias, if any, is [out, outH, outW].
    /// Use it when a feature should be detected in one place only (GBC: a mouth in the lower half of a face).
    /// </summary>
    public static Tensor LocallyConnected2d(Tensor input, Tensor weight, Tensor? bias = null, SpatialSize? stride = null,
        ConvPadding? padding = null, SpatialSize? dilation = null)
    {
        const string op = "LocallyConnected2d";
        if (weight.Rank != 6)
            throw new ArgumentException($"{op}: weight must be 6-D [out, outH, outW, in, kH, kW], got shape {weight.ShapeText}.");
        if (input.Rank != 4)
            throw new ArgumentException($"{op}: expected a 4-D input [N, C, H, W], got shape {input.ShapeText}.");
        Convolution.CheckBiasAndDTypes(op, input, weight, null, weight.Size(0));
        int n = input.Size(0), channels = input.Size(1), outChannels = weight.Size(0);
        if (channels != weight.Size(3))
            throw new ArgumentException($"{op}: input shape {input.ShapeText} has {channels} channels, but the weight {weight.ShapeText} expects {weight.Size(3)}.");
        var spec = ConvSpec.Create(op, weight.Shape[4..], stride, padding, dilation, groups: 1);
        var spatial = input.Shape[2..];
        var outSize = spec.OutputSize(spatial, input.Shape);
        if (outSize[0] != weight.Size(1) || outSize[1] != weight.Size(2))
            throw new ArgumentException(
                $"{op}: the weight {weight.ShapeText} has filters for a {weight.Size(1)}×{weight.Size(2)} output, but input shape {input.ShapeText} gives {ConvSpec.Cross(outSize)}.");
        if (bias is not null && !bias.Shape.SequenceEqual([outChannels, .. outSize]))
            throw new ArgumentException($"{op}: bias must have shape [{outChannels}, {outSize[0]}, {outSize[1]}], got {bias.ShapeText}.");

        var geometry = spec.Geometry(n, channels, spatial, outSize);
        int k = spec.KernelVolume, l = geometry.OutputVolume;
        // One small matrix product per output position: [N, C·K] (that position's receptive fields) · [C·K, O].
        var fields = Columns.FromImage(input, geometry).View(channels * k, n, l).Permute(2, 1, 0);     // [L, N, C·K]
        var filters = weight.Reshape(outChannels, l, channels * k).Permute(1, 2, 0);                    // [L, C·K, O]
        var y = fields.MatMul(filters).Permute(1, 2, 0).Reshape(n, outChannels, outSize[0], outSize[1]);
        return bias is null ? y : y + bias;
    }

    /// <summary>
    /// Tiled convolution (GBC §9.5, eq. 9.10): between a convolution and a locally connected layer, it cycles
    /// through t₁×t₂ sets of filters as it moves across the output, so output position (j, k) uses filter set
    /// (j mod t₁, k mod t₂): Z[n, o, j, k] = b[o] + Σ V[n, c, …]·K[o, c, m, p, j mod t₁, k mod t₂]. The weight is
    /// [out, in, kH, kW, t₁, t₂]; with t = 1 it is exactly <see cref="Conv2d"/>, and with t equal to the output
    /// size it is a locally connected layer. Neighbouring positions have different filters, yet memory grows only by t₁·t₂.
    /// </summary>
    public static Tensor TiledConv2d(Tensor input, Tensor weight, Tensor? bias = null, SpatialSize? stride = null,
        ConvPadding? padding = null, SpatialSize? dilation = null)
    {
        const string op = "TiledConv2d";
        if (weight.Rank != 6)
            throw new ArgumentException($"{op}: weight must be 6-D [out, in, kH, kW, t1, t2], got shape {weight.ShapeText}.");
        if (input.Rank != 4)
            throw new ArgumentException($"{op}: expected a 4-D input [N, C, H, W], got shape {input.ShapeText}.");
        Convolution.CheckBiasAndDTypes(op, input, weight, bias, weight.Size(0));
        var spec = ConvSpec.Create(op, weight.Shape[2..4], stride, padding, dilation, groups: 1);
        var outSize = spec.OutputSize(input.Shape[2..], input.Shape);
        int rows = outSize[0], cols = outSize[1], t1 = weight.Size(4), t2 = weight.Size(5);

        // Which filter set each output position uses: (j mod t₁)·t₂ + (k mod t₂), by repeating 0 … t − 1.
        var rowTile = TileIndices(t1, rows).View(rows, 1);
        var colTile = TileIndices(t2, cols).View(1, cols);
        var setOf = (rowTile * t2 + colTile).Reshape(rows * cols);
        // Gather each position's filters into the locally connected layout [out, outH, outW, in, kH, kW].
        int o = weight.Size(0), c = weight.Size(1), kh = weight.Size(2), kw = weight.Size(3);
        var sets = weight.Permute(4, 5, 0, 1, 2, 3).Reshape(t1 * t2, o * c * kh * kw);
        var local = sets.IndexSelect(0, setOf).View(rows, cols, o, c, kh, kw).Permute(2, 0, 1, 3, 4, 5);
        var y = LocallyConnected2d(input, local, null, spec.Stride, padding, spec.Dilation);
        return bias is null ? y : y + bias.Reshape(1, o, 1, 1);
    }

    /// <summary>0, 1, …, period − 1, 0, 1, … cut to <paramref name="length"/> (int64): position i mod period.</summary>
    private static Tensor TileIndices(int period, int length)
    {
        int repeats = (length + period - 1) / period;
        return Tensor.Arange(period).View(1, period).Expand(repeats, period).Reshape(repeats * period).Narrow(0, 0, length);
    }
}
