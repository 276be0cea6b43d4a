namespace Sharpgrad.NN;

public static partial class Losses
{
    /// <summary>
    /// Cross-entropy between the softmax of <paramref name="logits"/> [N, C] (or [N, C, d1, ...]) and int64 class
    /// <paramref name="labels"/> [N] (or [N, d1, ...]): ℓᵢ = −log softmax(zᵢ)_{yᵢ} (GBC §6.2.2.3). It is computed as NLL of
    /// LogSoftmax, never log(softmax), so it stays finite for any logits; its gradient is softmax(z) − onehot(y).
    /// </summary>
    /// <param name="weight">optional per-class weights [C]; Mean then divides by the summed weights of the targets</param>
    /// <param name="labelSmoothing">
    /// ε ∈ [0, 1]: the target becomes (1 − ε)·onehot(y) + ε/C (GBC §7.5.1, Szegedy et al. 2016), i.e.
    /// ℓᵢ = (1 − ε)·w_{yᵢ}·(−log p_{yᵢ}) + (ε/C)·Σ_c w_c·(−log p_c). With weights, Mean divides both terms by Σ w_{yᵢ}, as PyTorch does.
    /// </param>
    /// <param name="ignoreIndex">labels with this value contribute nothing and are not counted in the mean</param>
    public static Tensor CrossEntropy(Tensor logits, Tensor labels, Tensor? weight = null, double labelSmoothing = 0,
        Reduction reduction = Reduction.Mean, long ignoreIndex = -100)
    {
        const string op = "CrossEntropy";
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentException($"{op}: labelSmoothing must be in [0, 1], got {labelSmoothing}.");
        var (rows, flatLabels, labelShape) = ClassRows(logits, labels, op);
        if (weight is null && labelSmoothing == 0)
        {
            var (rowLoss, counted) = SoftmaxCrossEntropyRows(rows, flatLabels, ignoreIndex, op);
            return ReducePerLabel(rowLoss, Tensor.Scalar(counted, rows.DType), labelShape, reduction, op);
        }
        var logProbs = rows.LogSoftmax(1);
        var (loss, targetWeights, countedRows) = NegativeLogLikelihood(logProbs, flatLabels, weight, ignoreIndex, op);
        if (labelSmoothing > 0)
        {
            int classes = rows.Size(1);
            var weighted = weight is null ? logProbs : logProbs * weight;
            var uniformTerm = -weighted.Sum(1) * countedRows;
            loss = loss * (1 - labelSmoothing) + uniformTerm * (labelSmoothing / classes);
        }
        return ReducePerLabel(loss, targetWeights, labelShape, reduction, op);
    }

    /// <summary>
    /// The common case, unweighted and unsmoothed, as one fused op (the backend's SoftmaxCrossEntropy, Backends/Backend.CrossEntropy.cs): the per-row losses
    /// [M] of logit rows [M, C], and how many rows are counted (not ignored). Its backward is one primitive,
    /// (softmax(z) − onehot(y))·gᵢ per counted row, instead of LogSoftmax, Gather and their backward (a scatter);
    /// when that backward must itself be differentiated it is written with recorded ops instead.
    /// </summary>
    private static (Tensor Loss, int Counted) SoftmaxCrossEntropyRows(Tensor rows, Tensor labels, long ignoreIndex, string op)
    {
        Device.Of(op, rows, labels);  // fails on mixed devices
        int m = rows.Size(0), classes = rows.Size(1);
        int counted = CheckLabelRange(labels, classes, ignoreIndex, op);
        var x = rows.Contiguous();
        var y = labels.Contiguous();
        var loss = Tensor.Uninitialized(x.DType, [m], x.Device);
        var max = Tensor.Uninitialized(x.DType, [m], x.Device);
        var logSum = Tensor.Uninitialized(x.DType, [m], x.Device);
        x.Backend.SoftmaxCrossEntropy(loss, max, logSum, x, y, ignoreIndex);

        loss.Record(op, [x], g =>
        {
            if (Autograd.WillRecord(g, x))
            {
                // createGraph: the same gradient from recorded ops, so that it can be differentiated again.
                var target = Tensor.OneHot(Tensor.Where(y.Eq(ignoreIndex), 0, y), classes, x.DType);
                return [(x.Softmax(1) - target) * (g * y.Ne(ignoreIndex).To(x.DType)).Unsqueeze(1)];
            }
            var grad = Tensor.UninitializedLike(x);
            x.Backend.SoftmaxCrossEntropyBackward(grad, g, x, y, max, logSum, ignoreIndex);
            return [grad];
        });
        return (loss, counted);
    }
}
