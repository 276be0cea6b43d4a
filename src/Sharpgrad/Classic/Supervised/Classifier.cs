namespace Sharpgrad.Classic;

/// <summary>
/// What every classifier does the same way: validate X and y through <see cref="EstimatorInput"/>, remember the
/// classes and the feature count seen in Fit, map labels to column indices 0..K−1 for the model, and map predicted
/// indices back to labels. A model supplies only <see cref="FitIndices"/> and <see cref="ProbabilitiesOf"/>
/// (and, if it does not predict by the most probable class, <see cref="PredictIndices"/>).
/// </summary>
public abstract class Classifier : IClassifier
{
    private long[]? classes;
    private int features;

    /// <summary>The model's name in error messages.</summary>
    protected string Name => GetType().Name;

    /// <inheritdoc/>
    public long[] Classes => (long[])Fitted(classes, "Classes").Clone();

    /// <summary>The number of classes K seen in Fit.</summary>
    protected int ClassCount => Fitted(classes, Name).Length;

    /// <inheritdoc/>
    public IClassifier Fit(Tensor x, Tensor y)
    {
        string op = $"{Name}.Fit";
        var features64 = EstimatorInput.Features(x, op);
        EstimatorInput.Labels(x, y, op);
        var seen = EstimatorInput.ClassesOf(y);
        if (seen.Length < 2)
            throw new ArgumentException($"{op}: needs at least 2 classes to learn from, got only label {seen[0]} in y (shape {ShapeUtil.Format(y.Shape)}).");
        FitIndices(features64, EstimatorInput.EncodeLabels(y, seen, op), seen.Length);
        classes = seen;
        features = x.Size(1);
        return this;
    }

    /// <inheritdoc/>
    public Tensor Predict(Tensor x)
    {
        var indices = PredictIndices(CheckedFeatures(x, "Predict"));
        return Tensor.FromArray(Fitted(classes, Name)).IndexSelect(0, indices);
    }

    /// <inheritdoc/>
    public Tensor PredictProba(Tensor x) => ProbabilitiesOf(CheckedFeatures(x, "PredictProba"));

    /// <inheritdoc/>
    public double Score(Tensor x, Tensor y)
    {
        string op = $"{Name}.Score";
        EstimatorInput.Labels(x, y, op);
        EstimatorInput.EncodeLabels(y, Fitted(classes, op), op); // an unseen label is an error, not a silent miss
        return ClassificationMetrics.Accuracy(y, Predict(x));
    }

    /// <summary>Learns from float64 features [N, D] and class indices [N] in 0..<paramref name="classCount"/>−1.</summary>
    protected abstract void FitIndices(Tensor x, Tensor y, int classCount);

    /// <summary>Class probabilities [N, K] for validated float64 features.</summary>
    protected abstract Tensor ProbabilitiesOf(Tensor x);

    /// <summary>The predicted class index of each row; by default the most probable class.</summary>
    protected virtual Tensor PredictIndices(Tensor x) => ProbabilitiesOf(x).ArgMax(1);

    /// <summary>Validates features at prediction time (fitted, same feature count) and returns them as float64.</summary>
    protected Tensor CheckedFeatures(Tensor x, string method)
    {
        Fitted(classes, $"{Name}.{method}");
        return EstimatorInput.Features(x, $"{Name}.{method}", features);
    }

    /// <summary>Returns learned state, or fails with a clear message when Fit has not run.</summary>
    protected static T Fitted<T>(T? value, string op) where T : class =>
        FittedState.Require(value, op);
}
