namespace Sharpgrad.NN;

/// <summary>
/// Convolutions whose kernel covers the whole input, or whose input is a single position: the DCGAN discriminator's
/// last layer (a 7×7 kernel over a 7×7 map, one output position) and the generator's first (a 1×1 latent stamped into a
/// 7×7 map). Either is exactly a fully connected layer (GBC §9.1: a convolution is a matrix product with a tied,
/// sparse matrix; here the matrix is dense and nothing is tied), so it is computed as one matrix product of the
/// flattened operands. im2col and the per-image GEMM would do the same arithmetic in a degenerate shape (one output
/// column per image, or one input column), which made these layers the slowest of the DCGAN step (issue #15's breakdown).
/// </summary>
internal static class WholeWindowConvolution
{
    /// <summary>
    /// Convolution with one group, no padding and unit dilation whose kernel is as large as the input in every spatial
    /// dim: y[n, o] = b[o] + Σ_{c,k} w[o, c, k]·x[n, c, k], an [N, C·K]·[C·K, O] product; null when the shape is not that.
    /// </summary>
    public static Tensor? TryForward(Tensor x, Tensor weight, Tensor? bias, ConvSpec spec, int groups, int dims)
    {
        if (groups != 1 || !Covers(spec, dims) || !weight.Shape[2..].SequenceEqual(x.Shape[2..])) return null;
        int n = x.Size(0), outChannels = weight.Size(0);
        var y = x.Reshape(n, -1).MatMul(weight.Reshape(outChannels, -1).T);
        if (bias is not null) y = y + bias;
        return y.Reshape([n, outChannels, .. Enumerable.Repeat(1, dims)]);
    }

    /// <summary>
    /// Transposed convolution with one group, no padding, no output padding and unit dilation of an input with one spatial
    /// position: y[n, o, k] = b[o] + Σ_c x[n, c]·w[c, o, k], an [N, C]·[C, O·K] product; null when the shape is not that.
    /// </summary>
    public static Tensor? TryTransposed(Tensor x, Tensor weight, Tensor? bias, ConvSpec spec, int groups, int dims, int[] outputPadding)
    {
        if (groups != 1 || !Covers(spec, dims) || outputPadding.Any(p => p != 0) || x.Shape[2..].Any(s => s != 1)) return null;
        int n = x.Size(0), outChannels = weight.Size(1);
        var y = x.Reshape(n, -1).MatMul(weight.Reshape(weight.Size(0), -1)).Reshape([n, outChannels, .. weight.Shape[2..]]);
        return bias is null ? y : y + bias.Reshape([outChannels, .. Enumerable.Repeat(1, dims)]);
    }

    private static bool Covers(ConvSpec spec, int dims)
    {
        for (int d = 0; d < dims; d++)
            if (spec.PadBefore[d] != 0 || spec.PadAfter[d] != 0 || spec.Dilation[d] != 1) return false;
        return true;
    }
}
