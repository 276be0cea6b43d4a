namespace Sharpgrad.Classic;

/// <summary>How per-class scores are combined into one number for more than two classes.</summary>
public enum Averaging
{
    /// <summary>The unweighted mean of the per-class scores: every class counts the same, however rare.</summary>
    Macro,

    /// <summary>Pool the true/false positives of all classes first: every example counts the same (for single-label
    /// multi-class data micro precision = micro recall = micro F1 = accuracy).</summary>
    Micro,
}

/// <summary>
/// Metrics for classifiers on int64 labels (GBC §11.1), named as in scikit-learn. (Not to be confused with
/// <see cref="Sharpgrad.Training.Metrics"/>, which evaluates neural-network logits.) Per-class precision, recall and F1 come from the
/// confusion matrix; a class that is never predicted (or never present) scores 0 rather than NaN, as scikit-learn's
/// default zero_division does.
/// </summary>
public static partial class ClassificationMetrics
{
    /// <summary>The fraction of labels predicted exactly.</summary>
    public static double Accuracy(Tensor yTrue, Tensor yPred)
    {
        RequireLabelPair(yTrue, yPred, "Accuracy");
        return yTrue.Eq(yPred).Double().Mean().Item();
    }

    /// <summary>
    /// C[i, j] = the number of examples of class <c>labels[i]</c> predicted as <c>labels[j]</c> (rows true, columns
    /// predicted, as scikit-learn), int64 [K, K]; <paramref name="labels"/> defaults to the sorted labels present in either.
    /// </summary>
    public static Tensor ConfusionMatrix(Tensor yTrue, Tensor yPred, long[]? labels = null)
    {
        const string op = "ConfusionMatrix";
        RequireLabelPair(yTrue, yPred, op);
        labels ??= EstimatorInput.ClassesOf(Tensor.Cat([yTrue, yPred], 0));
        var truth = Tensor.OneHot(EstimatorInput.EncodeLabels(yTrue, labels, op), labels.Length, DType.Float64);
        var predicted = Tensor.OneHot(EstimatorInput.EncodeLabels(yPred, labels, op), labels.Length, DType.Float64);
        return truth.T.MatMul(predicted).Long();
    }

    /// <summary>Precision tp / (tp + fp): of the examples predicted as a class, the fraction that belong to it.</summary>
    public static double Precision(Tensor yTrue, Tensor yPred, Averaging average = Averaging.Macro) => Score(yTrue, yPred, average, "Precision").Precision;

    /// <summary>Recall tp / (tp + fn): of the examples of a class, the fraction predicted as it.</summary>
    public static double Recall(Tensor yTrue, Tensor yPred, Averaging average = Averaging.Macro) => Score(yTrue, yPred, average, "Recall").Recall;

    /// <summary>F1, the harmonic mean 2PR / (P + R) of precision and recall (macro: the mean of the per-class F1).</summary>
    public static double F1(Tensor yTrue, Tensor yPred, Averaging average = Averaging.Macro) => Score(yTrue, yPred, average, "F1").F1;

    /// <summary>
    /// Precision, recall and F1 of one class against the rest (binary classification), e.g. the positive class 1.
    /// </summary>
    public static (double Precision, double Recall, double F1) BinaryScores(Tensor yTrue, Tensor yPred, long positiveLabel = 1)
    {
        RequireLabelPair(yTrue, yPred, "BinaryScores");
        var actual = yTrue.Eq(positiveLabel).Double();
        var predicted = yPred.Eq(positiveLabel).Double();
        var (p, r, f) = Ratios((actual * predicted).Sum(), predicted.Sum(), actual.Sum());
        return (p.Item(), r.Item(), f.Item());
    }

    private static (double Precision, double Recall, double F1) Score(Tensor yTrue, Tensor yPred, Averaging average, string op)
    {
        var confusion = ConfusionMatrix(yTrue, yPred).Double();
        var truePositives = Linalg.Diagonal(confusion);
        var predicted = confusion.Sum(0);
        var actual = confusion.Sum(1);
        var (p, r, f) = average == Averaging.Micro
            ? Ratios(truePositives.Sum(), predicted.Sum(), actual.Sum())
            : Ratios(truePositives, predicted, actual);
        return (p.Mean().Item(), r.Mean().Item(), f.Mean().Item());
    }

    // Precision, recall and F1 per entry, 0 where a denominator is 0.
    private static (Tensor Precision, Tensor Recall, Tensor F1) Ratios(Tensor truePositives, Tensor predicted, Tensor actual)
    {
        var precision = SafeDivide(truePositives, predicted);
        var recall = SafeDivide(truePositives, actual);
        return (precision, recall, SafeDivide(2 * precision * recall, precision + recall));
    }

    private static Tensor SafeDivide(Tensor numerator, Tensor denominator) =>
        Tensor.Where(denominator.Gt(0), numerator / Tensor.Where(denominator.Gt(0), denominator, 1.0), 0.0);

    /// <summary>
    /// Accuracy versus coverage with a reject option (GBC §11.1): the model abstains on examples whose confidence is
    /// below <paramref name="threshold"/>. Coverage is the fraction it answers; accuracy is measured on those only
    /// (1 when it answers none, by convention — there is nothing wrong).
    /// </summary>
    public static (double Accuracy, double Coverage) AccuracyAtCoverage(Tensor yTrue, Tensor yPred, Tensor confidence, double threshold)
    {
        const string op = "AccuracyAtCoverage";
        RequireLabelPair(yTrue, yPred, op);
        RequireScores(confidence, yTrue, op);
        var answered = confidence.Double().Ge(threshold).Double();
        double count = answered.Sum().Item();
        double correct = (answered * yTrue.Eq(yPred).Double()).Sum().Item();
        return (count == 0 ? 1.0 : correct / count, count / yTrue.Size(0));
    }

    private static void RequireLabelPair(Tensor yTrue, Tensor yPred, string op)
    {
        if (yTrue.Rank != 1 || yPred.Rank != 1 || yTrue.Size(0) != yPred.Size(0))
            throw new ArgumentException($"{op}: expected two label vectors of the same length, got {ShapeUtil.Format(yTrue.Shape)} and {ShapeUtil.Format(yPred.Shape)}.");
        if (yTrue.DType != DType.Int64 || yPred.DType != DType.Int64)
            throw new ArgumentException($"{op}: labels must be int64, got {yTrue.DType.Name()} and {yPred.DType.Name()}.");
        if (yTrue.Size(0) == 0) throw new ArgumentException($"{op}: no labels.");
    }

    private static void RequireScores(Tensor scores, Tensor yTrue, string op)
    {
        if (scores.Rank != 1 || scores.Size(0) != yTrue.Size(0))
            throw new ArgumentException($"{op}: expected one score per label, got scores {ShapeUtil.Format(scores.Shape)} for labels {ShapeUtil.Format(yTrue.Shape)}.");
        if (!scores.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: scores must be floating point, got {scores.DType.Name()}.");
        if (scores.Ne(scores).Any()) throw new ArgumentException($"{op}: scores contain NaN.");
    }
}
