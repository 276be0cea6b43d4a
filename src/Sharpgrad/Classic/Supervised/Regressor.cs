namespace Sharpgrad.Classic;

/// <summary>
/// What every regressor does the same way: validate X and y through <see cref="EstimatorInput"/>, present targets
/// to the model as a float64 matrix [N, T] (a vector y [N] is one column), remember the feature count and target
/// shape, and give predictions back in the shape y had ([N] or [N, T]). Score is R² (<see cref="RegressionMetrics.R2"/>).
/// </summary>
public abstract class Regressor : IRegressor
{
    private int? features;
    private bool vectorTargets;

    /// <summary>The model's name in error messages.</summary>
    protected string Name => GetType().Name;

    /// <inheritdoc/>
    public IRegressor Fit(Tensor x, Tensor y)
    {
        string op = $"{Name}.Fit";
        var features64 = EstimatorInput.Features(x, op);
        var targets = EstimatorInput.Targets(x, y, op).Double();
        vectorTargets = targets.Rank == 1;
        FitMatrix(features64, vectorTargets ? targets.Unsqueeze(1) : targets);
        features = x.Size(1);
        return this;
    }

    /// <inheritdoc/>
    public Tensor Predict(Tensor x)
    {
        var predictions = PredictMatrix(CheckedFeatures(x, "Predict"));
        return vectorTargets ? predictions.Squeeze([1]) : predictions;
    }

    /// <inheritdoc/>
    public double Score(Tensor x, Tensor y)
    {
        var targets = EstimatorInput.Targets(x, y, $"{Name}.Score");
        return RegressionMetrics.R2(targets, Predict(x));
    }

    /// <summary>Learns from float64 features [N, D] and float64 targets [N, T].</summary>
    protected abstract void FitMatrix(Tensor x, Tensor y);

    /// <summary>Predictions [N, T] for validated float64 features.</summary>
    protected abstract Tensor PredictMatrix(Tensor x);

    /// <summary>Validates features at prediction time (fitted, same feature count) and returns them as float64.</summary>
    protected Tensor CheckedFeatures(Tensor x, string method)
    {
        string op = $"{Name}.{method}";
        if (features is null) throw new InvalidOperationException($"{op}: the model is not fitted yet; call Fit first.");
        return EstimatorInput.Features(x, op, features);
    }
}
