namespace Sharpgrad.NN;

public static partial class Functional
{
    /// <summary>
    /// Looks up rows of <paramref name="weight"/> [num, dim] for int64 <paramref name="input"/> of any shape; the result
    /// has shape input.shape + [dim] (torch.nn.functional.embedding). An embedding is a linear layer applied to a one-hot
    /// code (GBC §12.4.2), computed as a row lookup so that its cost does not grow with the vocabulary.
    /// <para>The gradient for the weight adds each position's output gradient into its row. Positions holding
    /// <paramref name="paddingIdx"/> contribute nothing, so the padding row keeps its value. With
    /// <paramref name="scaleGradByFreq"/> each position's contribution is divided by how often its index occurs in
    /// <paramref name="input"/>. With <paramref name="maxNorm"/>, every row the input refers to whose p-norm
    /// (<paramref name="normType"/>) exceeds it is first rescaled in place to norm maxNorm/(‖row‖ + 1e-7)·‖row‖, outside
    /// the graph, as PyTorch does.</para>
    /// </summary>
    public static Tensor Embedding(Tensor input, Tensor weight, int? paddingIdx = null, double? maxNorm = null,
        double normType = 2, bool scaleGradByFreq = false)
    {
        if (weight.Rank != 2)
            throw new ArgumentException($"Embedding: weight must be 2-D [num_embeddings, embedding_dim], got shape {weight.ShapeText}.");
        if (input.DType != DType.Int64)
            throw new ArgumentException($"Embedding: indices must be int64, got {input.DType.Name()} of shape {input.ShapeText}.");
        int rows = weight.Size(0);
        int? padding = EmbeddingChecks.PaddingIndex("Embedding", paddingIdx, rows);
        var flat = input.Reshape(-1);
        long[] indices = flat.ToArray<long>();
        EmbeddingChecks.Indices(indices, rows, input);
        if (maxNorm is double limit) RenormRows(weight, indices, limit, normType);

        Tensor picked;
        using (Autograd.NoGrad()) picked = weight.IndexSelect(0, flat);
        var positionWeights = GradientWeights(indices, padding, scaleGradByFreq, weight);
        var output = picked.Record("Embedding", [weight], g =>
        {
            var rowsGrad = g.Reshape(indices.Length, weight.Size(1));
            if (positionWeights is not null) rowsGrad = rowsGrad * positionWeights;
            return [Tensor.ZerosLike(weight).IndexAdd(0, flat, rowsGrad)];
        });
        int[] shape = input.Shape;
        return output.Reshape([.. shape, weight.Size(1)]);
    }

    /// <summary>
    /// Per-position factors [M, 1] for the weight's gradient: 0 at padding positions and 1/count with frequency scaling;
    /// null when every factor is 1, so the common case does no extra work.
    /// </summary>
    private static Tensor? GradientWeights(long[] indices, int? padding, bool scaleGradByFreq, Tensor weight)
    {
        if (padding is null && !scaleGradByFreq) return null;
        var counts = new Dictionary<long, int>();
        if (scaleGradByFreq)
            foreach (long index in indices) counts[index] = counts.GetValueOrDefault(index) + 1;
        var factors = new double[indices.Length];
        for (int i = 0; i < indices.Length; i++)
            factors[i] = indices[i] == padding ? 0 : scaleGradByFreq ? 1.0 / counts[indices[i]] : 1;
        return Tensor.FromHost<double>(factors, [indices.Length, 1], weight.Device).To(weight.DType);
    }

    /// <summary>
    /// Rescales, in place and outside the graph, each referenced row whose p-norm exceeds <paramref name="maxNorm"/>
    /// (torch.embedding_renorm_). Only the referenced rows are read (O(distinct indices · dim), not the whole table), and
    /// only those over the limit are written.
    /// </summary>
    private static void RenormRows(Tensor weight, long[] indices, double maxNorm, double normType)
    {
        if (!(maxNorm > 0)) throw new ArgumentException($"Embedding: maxNorm must be positive, got {maxNorm}.");
        if (!(normType > 0)) throw new ArgumentException($"Embedding: normType must be positive, got {normType}.");
        using var _ = Autograd.NoGrad();
        long[] rows = [.. indices.Distinct().Order()];
        if (rows.Length == 0) return;
        double[] norms = weight.IndexSelect(0, Tensor.From(rows).To(weight.Device)).Double().Norm(normType, [1]).ToArray<double>();
        for (int k = 0; k < rows.Length; k++)
        {
            if (!(norms[k] > maxNorm)) continue;
            var row = weight.Select(0, (int)rows[k]);
            row.CopyFrom(row * (maxNorm / (norms[k] + 1e-7)));
        }
    }
}
