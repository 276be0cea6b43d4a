namespace Sharpgrad.Classic;

/// <summary>
/// A model ŷ = xᵀW + b (GBC §5.1.4), the shared part of linear, ridge, lasso and Bayesian linear regression.
/// The intercept is fitted by centring: the weights are learned on X − x̄ and y − ȳ and then b = ȳ − x̄ᵀW. This
/// is exact for least squares, and it is how the penalised models leave the intercept unpenalised (as scikit-learn
/// does): shrinking b towards 0 would make the fit depend on where the origin of y happens to be.
/// </summary>
public abstract class LinearModel : Regressor
{
    private Tensor? weights, intercept;

    protected LinearModel(bool fitIntercept) => FitIntercept = fitIntercept;

    /// <summary>Whether b is learned (otherwise b = 0 and the data are not centred).</summary>
    public bool FitIntercept { get; }

    /// <summary>The learned weights W, float64 [features, targets] (one column for a vector y).</summary>
    public Tensor Weights => weights ?? throw NotFitted("Weights");

    /// <summary>The learned intercept b, float64 [targets].</summary>
    public Tensor Intercept => intercept ?? throw NotFitted("Intercept");

    /// <summary>The feature means x̄ of the training data (zeros when <see cref="FitIntercept"/> is false).</summary>
    protected Tensor FeatureMean { get; private set; } = Tensor.Zeros([0], DType.Float64);

    protected sealed override void FitMatrix(Tensor x, Tensor y)
    {
        var xMean = FitIntercept ? x.Mean(0) : Tensor.Zeros([x.Size(1)], DType.Float64);
        var yMean = FitIntercept ? y.Mean(0) : Tensor.Zeros([y.Size(1)], DType.Float64);
        var w = SolveCentered(x - xMean, y - yMean);
        weights = w;
        intercept = yMean - xMean.MatMul(w);
        FeatureMean = xMean;
    }

    /// <summary>The weights [D, T] for centred features [N, D] and targets [N, T].</summary>
    protected abstract Tensor SolveCentered(Tensor x, Tensor y);

    protected override Tensor PredictMatrix(Tensor x) => x.MatMul(Weights) + Intercept;

    private InvalidOperationException NotFitted(string what) =>
        new($"{Name}.{what}: the model is not fitted yet; call Fit first.");
}
