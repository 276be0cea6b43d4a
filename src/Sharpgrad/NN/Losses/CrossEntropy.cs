using Sharpgrad.Kernels;

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
    /// The common case, unweighted and unsmoothed, as one fused op (Backends/Cpu/Kernels/CrossEntropyKernels.cs): the per-row losses
    /// [M] of logit rows [M, C], and how many rows are counted (not ignored). Its backward is one kernel,
    /// (softmax(z) − onehot(y))·gᵢ per counted row, instead of LogSoftmax, Gather and their backward (a scatter);
    /// when that backward must itself be differentiated it is written with recorded ops instead.
    /// </summary>
    private static (Tensor Loss, int Counted) SoftmaxCrossEntropyRows(Tensor rows, Tensor labels, long ignoreIndex, string op)
    {
        int m = rows.Size(0), classes = rows.Size(1);
        int counted = CheckLabelRange(labels, classes, ignoreIndex, op);
        var x = rows.Contiguous();
        var y = labels.Contiguous();
        var loss = Tensor.Empty(x.DType, [m]);
        var max = Tensor.Empty(x.DType, [m]);
        var logSum = Tensor.Empty(x.DType, [m]);
        var ids = y.Data<long>();
        if (x.DType == DType.Float32)
            CrossEntropyKernels.Forward(x.Data<float>(), x.offset, m, classes, ids, y.offset, ignoreIndex, loss.Data<float>(), max.Data<float>(), logSum.Data<float>());
        else
            CrossEntropyKernels.Forward(x.Data<double>(), x.offset, m, classes, ids, y.offset, ignoreIndex, loss.Data<double>(), max.Data<double>(), logSum.Data<double>());

        loss.Record(op, [x], g =>
        {
            if (Autograd.WillRecord(g, x))
            {
                // createGraph: the same gradient from recorded ops, so that it can be differentiated again.
                var target = Tensor.OneHot(Tensor.Where(y.Eq(ignoreIndex), 0, y), classes, x.DType);
                return [(x.Softmax(1) - target) * (g * y.Ne(ignoreIndex).To(x.DType)).Unsqueeze(1)];
            }
            var grad = Tensor.EmptyLike(x);
            int gStride = g.Rank == 0 ? 0 : g.strides[0];
            if (x.DType == DType.Float32)
                CrossEntropyKernels.Backward(x.Data<float>(), x.offset, m, classes, ids, y.offset, ignoreIndex, max.Data<float>(), logSum.Data<float>(), g.Data<float>(), g.offset, gStride, grad.Data<float>());
            else
                CrossEntropyKernels.Backward(x.Data<double>(), x.offset, m, classes, ids, y.offset, ignoreIndex, max.Data<double>(), logSum.Data<double>(), g.Data<double>(), g.offset, gStride, grad.Data<double>());
            return [grad];
        });
        return (loss, counted);
    }
}
