using System.Numerics;

namespace Sharpgrad.Backends.Reference;

// Softmax cross-entropy row by row (GBC §6.2.2.3): −log softmax(z)_y = log Σ_c e^(z_c) − z_y, evaluated with the row's
// maximum subtracted first so that no exponential overflows (GBC §4.1, on overflow and underflow in the softmax).
// Its gradient with respect to z is softmax(z) − onehot(y) (GBC §6.2.2.3), scaled by the gradient of the row's loss.
internal sealed partial class ReferenceBackend
{
    protected override void SoftmaxCrossEntropy<T>(Tensor loss, Tensor max, Tensor logSum, Tensor logits, Tensor labels, long ignoreIndex)
    {
        int rows = logits.shape[0], classes = logits.shape[1];
        T[] z = logits.Data<T>(), losses = loss.Data<T>(), maxima = max.Data<T>(), logSums = logSum.Data<T>();
        long[] y = labels.Data<long>();
        for (int i = 0; i < rows; i++)
        {
            int row = logits.offset + i * classes;
            T m = T.NegativeInfinity;
            for (int c = 0; c < classes; c++) m = T.Max(m, z[row + c]);
            // An infinite maximum would make z − m a NaN (∞ − ∞); shifting by 0 instead lets the infinities through.
            if (T.IsInfinity(m)) m = T.Zero;
            T sum = T.Zero;
            for (int c = 0; c < classes; c++) sum += T.Exp(z[row + c] - m);
            T log = T.Log(sum);
            maxima[max.offset + i] = m;
            logSums[logSum.offset + i] = log;
            long label = y[labels.offset + i];
            losses[loss.offset + i] = label == ignoreIndex ? T.Zero : -(z[row + (int)label] - m - log);
        }
    }

    protected override void SoftmaxCrossEntropyBackward<T>(Tensor grad, Tensor gradLoss, Tensor logits, Tensor labels, Tensor max, Tensor logSum,
        long ignoreIndex)
    {
        int rows = logits.shape[0], classes = logits.shape[1];
        T[] z = logits.Data<T>(), dz = grad.Data<T>(), g = gradLoss.Data<T>(), maxima = max.Data<T>(), logSums = logSum.Data<T>();
        long[] y = labels.Data<long>();
        var gAt = new ElementOffsets(gradLoss, [rows]);
        for (int i = 0; i < rows; i++)
        {
            long label = y[labels.offset + i];
            T gi = label == ignoreIndex ? T.Zero : g[gAt[i]];
            for (int c = 0; c < classes; c++)
            {
                T p = T.Exp(z[logits.offset + i * classes + c] - maxima[max.offset + i] - logSums[logSum.offset + i]);
                T target = c == label ? T.One : T.Zero;
                dz[grad.offset + i * classes + c] = (p - target) * gi;
            }
        }
    }
}
