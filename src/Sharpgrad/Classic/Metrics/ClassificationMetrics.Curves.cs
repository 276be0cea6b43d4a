namespace Sharpgrad.Classic;

/// <summary>A ROC curve: false- and true-positive rates at each threshold, thresholds decreasing (the first is +∞: predict nothing positive).</summary>
public sealed record RocCurveResult(double[] FalsePositiveRate, double[] TruePositiveRate, double[] Thresholds);

/// <summary>A precision–recall curve as scikit-learn returns it: recall decreasing to a final point (recall 0, precision 1)
/// that has no threshold; <see cref="Thresholds"/> increasing, one per point before that.</summary>
public sealed record PrecisionRecallCurveResult(double[] Precision, double[] Recall, double[] Thresholds);

// Threshold curves of a binary scorer (GBC §11.1): sweep a threshold down through the scores and count how many
// positives and negatives score at or above it. Ties share one threshold, so tied scores move the curve diagonally.
public static partial class ClassificationMetrics
{
    /// <summary>
    /// The ROC curve of scores against binary labels (positives are <paramref name="positiveLabel"/>). All points are kept
    /// (scikit-learn's drop_intermediate=False).
    /// </summary>
    public static RocCurveResult RocCurve(Tensor yTrue, Tensor scores, long positiveLabel = 1)
    {
        var (tps, fps, thresholds) = CountsAtThresholds(yTrue, scores, positiveLabel, "RocCurve");
        double positives = tps[^1], negatives = fps[^1];
        if (positives == 0 || negatives == 0)
            throw new ArgumentException($"RocCurve: needs both classes in yTrue, got {positives} positive and {negatives} negative examples.");
        return new RocCurveResult(
            [0, .. fps.Select(f => f / negatives)],
            [0, .. tps.Select(t => t / positives)],
            [double.PositiveInfinity, .. thresholds]);
    }

    /// <summary>The area under the ROC curve by the trapezoid rule: the probability that a random positive scores above a random negative (ties count ½).</summary>
    public static double RocAuc(Tensor yTrue, Tensor scores, long positiveLabel = 1)
    {
        var roc = RocCurve(yTrue, scores, positiveLabel);
        var x = roc.FalsePositiveRate;
        var y = roc.TruePositiveRate;
        return Enumerable.Range(1, x.Length - 1).Sum(k => (x[k] - x[k - 1]) * (y[k] + y[k - 1]) / 2);
    }

    /// <summary>The precision–recall curve of scores against binary labels, in scikit-learn's order and convention.</summary>
    public static PrecisionRecallCurveResult PrecisionRecallCurve(Tensor yTrue, Tensor scores, long positiveLabel = 1)
    {
        var (tps, fps, thresholds) = CountsAtThresholds(yTrue, scores, positiveLabel, "PrecisionRecallCurve");
        double positives = tps[^1];
        if (positives == 0) throw new ArgumentException("PrecisionRecallCurve: yTrue has no positive examples, so recall is undefined.");
        var precision = tps.Zip(fps, (t, f) => t / (t + f)).Reverse();
        var recall = tps.Select(t => t / positives).Reverse();
        return new PrecisionRecallCurveResult([.. precision, 1], [.. recall, 0], [.. thresholds.Reverse()]);
    }

    /// <summary>
    /// Average precision AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ: precision averaged over the recall gained at each threshold
    /// (a step-function area under the PR curve, not the optimistic trapezoid; scikit-learn's definition).
    /// </summary>
    public static double AveragePrecision(Tensor yTrue, Tensor scores, long positiveLabel = 1)
    {
        var curve = PrecisionRecallCurve(yTrue, scores, positiveLabel);
        var (p, r) = (curve.Precision, curve.Recall);
        return Enumerable.Range(0, r.Length - 1).Sum(k => (r[k] - r[k + 1]) * p[k]);
    }

    // Cumulative true and false positives at each distinct score, scores taken in decreasing order.
    private static (double[] TruePositives, double[] FalsePositives, double[] Thresholds) CountsAtThresholds(
        Tensor yTrue, Tensor scores, long positiveLabel, string op)
    {
        if (yTrue.Rank != 1 || yTrue.DType != DType.Int64)
            throw new ArgumentException($"{op}: expected int64 labels [N], got {yTrue.DType.Name()} {ShapeUtil.Format(yTrue.Shape)}.");
        RequireScores(scores, yTrue, op);
        var score = scores.ToDoubleArray();
        var positive = yTrue.Eq(positiveLabel).Double().ToDoubleArray();
        var order = Enumerable.Range(0, score.Length).OrderByDescending(i => score[i]).ToArray();
        var tps = new List<double>();
        var fps = new List<double>();
        var thresholds = new List<double>();
        double tp = 0, fp = 0;
        for (int k = 0; k < order.Length; k++)
        {
            tp += positive[order[k]];
            fp += 1 - positive[order[k]];
            bool lastOfTies = k == order.Length - 1 || score[order[k + 1]] != score[order[k]];
            if (!lastOfTies) continue;
            tps.Add(tp);
            fps.Add(fp);
            thresholds.Add(score[order[k]]);
        }
        return ([.. tps], [.. fps], [.. thresholds]);
    }
}
