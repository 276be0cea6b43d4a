namespace Sharpgrad.Classic;

/// <summary>
/// Standardises each feature to mean 0 and variance 1 using the training data's mean and (biased, as scikit-learn)
/// standard deviation. Distance- and margin-based models (kNN, SVM) and gradient-based fits need features on one
/// scale. A constant feature keeps scale 1 so it maps to 0 instead of dividing by zero.
/// Fit it on the training split only (or use <see cref="Pipeline"/> inside cross-validation) so no test statistics leak in.
/// </summary>
public sealed class StandardScaler : ITransformer
{
    private Tensor? mean, scale;

    public Tensor Mean => FittedState.Require(mean, "StandardScaler.Mean");
    public Tensor Scale => FittedState.Require(scale, "StandardScaler.Scale");

    public ITransformer Fit(Tensor x)
    {
        var x64 = EstimatorInput.Features(x, "StandardScaler.Fit");
        mean = x64.Mean(0);
        var std = x64.Std(0, unbiased: false);
        scale = Tensor.Where(std.Gt(0), std, 1.0);
        return this;
    }

    public Tensor Transform(Tensor x)
    {
        const string op = "StandardScaler.Transform";
        if (mean is null || scale is null) throw new InvalidOperationException($"{op}: not fitted yet; call Fit first.");
        return (EstimatorInput.Features(x, op, mean.Size(0)) - mean) / scale;
    }
}
