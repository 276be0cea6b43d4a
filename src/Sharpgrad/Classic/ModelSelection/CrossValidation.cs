namespace Sharpgrad.Classic;

/// <summary>
/// The scores of k-fold cross-validation with their mean, its standard error SE = s/√k (s the sample standard
/// deviation of the fold scores, n − 1 in the denominator) and the normal-approximation 95% confidence interval
/// mean ± 1.96·SE (GBC §5.4.2, eqs. 5.46–5.47). The folds share training data, so the SE is an approximation
/// (Bengio &amp; Grandvalet 2004: there is no unbiased estimator of the variance of k-fold CV).
/// </summary>
public sealed record CrossValidationResult(double[] FoldScores, double Mean, double StandardError, double Lower95, double Upper95);

/// <summary>The k-fold cross-validation procedure of GBC Alg. 5.1.</summary>
public static class CrossValidation
{
    /// <summary>
    /// Fits a fresh classifier from <paramref name="estimatorFactory"/> on each training part and scores its accuracy
    /// on the held-out fold. <paramref name="folds"/> defaults to a shuffled (seed 0) 5-fold <see cref="StratifiedKFold"/>.
    /// </summary>
    public static CrossValidationResult Score(Func<IClassifier> estimatorFactory, Tensor x, Tensor y, KFold? folds = null) =>
        Score((xTrain, yTrain, xTest, yTest) => estimatorFactory().Fit(xTrain, yTrain).Score(xTest, yTest),
            x, y, folds ?? new StratifiedKFold(5, shuffle: true));

    /// <summary>The same for regressors, scoring R² on each held-out fold; <paramref name="folds"/> defaults to a shuffled 5-fold <see cref="KFold"/>.</summary>
    public static CrossValidationResult Score(Func<IRegressor> estimatorFactory, Tensor x, Tensor y, KFold? folds = null) =>
        Score((xTrain, yTrain, xTest, yTest) => estimatorFactory().Fit(xTrain, yTrain).Score(xTest, yTest),
            x, y, folds ?? new KFold(5, shuffle: true));

    /// <summary>The general form: <paramref name="fitAndScore"/>(xTrain, yTrain, xTest, yTest) returns one fold's score.</summary>
    public static CrossValidationResult Score(Func<Tensor, Tensor, Tensor, Tensor, double> fitAndScore, Tensor x, Tensor y, KFold folds)
    {
        if (x.Rank < 1 || y.Rank < 1 || x.Size(0) != y.Size(0))
            throw new ArgumentException($"CrossValidation.Score: X (shape {ShapeUtil.Format(x.Shape)}) and y (shape {ShapeUtil.Format(y.Shape)}) must have the same number of samples.");
        var scores = folds.Split(x.Size(0), y)
            .Select(f => fitAndScore(TrainTestSplit.Rows(x, f.Train), TrainTestSplit.Rows(y, f.Train), TrainTestSplit.Rows(x, f.Test), TrainTestSplit.Rows(y, f.Test)))
            .ToArray();
        return Summarise(scores);
    }

    /// <summary>Mean, standard error and 95% interval of a set of scores (GBC eqs. 5.46–5.47).</summary>
    public static CrossValidationResult Summarise(double[] scores)
    {
        if (scores.Length < 2) throw new ArgumentException($"CrossValidation.Summarise: needs at least 2 scores, got {scores.Length}.");
        double mean = scores.Average();
        double variance = scores.Sum(s => (s - mean) * (s - mean)) / (scores.Length - 1);
        double standardError = Math.Sqrt(variance / scores.Length);
        return new CrossValidationResult(scores, mean, standardError, mean - 1.96 * standardError, mean + 1.96 * standardError);
    }
}
