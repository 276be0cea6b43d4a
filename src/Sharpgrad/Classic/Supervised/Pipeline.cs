namespace Sharpgrad.Classic;

/// <summary>
/// A transformer followed by a classifier, fitted and applied as one model, e.g.
/// <c>new Pipeline(new StandardScaler(), new SVC())</c>. Inside <see cref="CrossValidation"/> this fits the
/// transformer on each training fold only, so the held-out fold never informs the preprocessing.
/// </summary>
public sealed class Pipeline(ITransformer transformer, IClassifier classifier) : IClassifier
{
    public ITransformer Transformer { get; } = transformer;
    public IClassifier Classifier { get; } = classifier;

    public long[] Classes => Classifier.Classes;

    public IClassifier Fit(Tensor x, Tensor y)
    {
        EstimatorInput.Labels(x, y, "Pipeline.Fit");
        Classifier.Fit(Transformer.FitTransform(x), y);
        return this;
    }

    public Tensor Predict(Tensor x) => Classifier.Predict(Transformer.Transform(x));

    public Tensor PredictProba(Tensor x) => Classifier.PredictProba(Transformer.Transform(x));

    public double Score(Tensor x, Tensor y) => Classifier.Score(Transformer.Transform(x), y);
}
