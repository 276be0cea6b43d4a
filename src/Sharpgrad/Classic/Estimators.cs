namespace Sharpgrad.Classic;

// The estimator API, in the spirit of scikit-learn: models are configured in the constructor, learn in Fit,
// and answer in Predict/Transform. Inputs are 2-D float tensors [N, features]; class labels are int64 [N].

/// <summary>A model that learns to assign one of a fixed set of class labels.</summary>
public interface IClassifier
{
    /// <summary>Learns from examples <paramref name="x"/> [N, D] with int64 labels <paramref name="y"/> [N]; returns this.</summary>
    IClassifier Fit(Tensor x, Tensor y);

    /// <summary>The predicted label of each row, int64 [N].</summary>
    Tensor Predict(Tensor x);

    /// <summary>Class probabilities [N, classes], columns in the order of <see cref="Classes"/>.</summary>
    Tensor PredictProba(Tensor x);

    /// <summary>The labels seen in Fit, ascending.</summary>
    long[] Classes { get; }

    /// <summary>Accuracy on (x, y).</summary>
    double Score(Tensor x, Tensor y);
}

/// <summary>A model that predicts a real-valued target.</summary>
public interface IRegressor
{
    /// <summary>Learns from <paramref name="x"/> [N, D] and targets <paramref name="y"/> [N] (or [N, T]); returns this.</summary>
    IRegressor Fit(Tensor x, Tensor y);

    Tensor Predict(Tensor x);

    /// <summary>The coefficient of determination R² on (x, y).</summary>
    double Score(Tensor x, Tensor y);
}

/// <summary>A learned change of representation (PCA, whitening, ICA, t-SNE, ...).</summary>
public interface ITransformer
{
    /// <summary>Learns the transformation from <paramref name="x"/> [N, D]; returns this.</summary>
    ITransformer Fit(Tensor x);

    Tensor Transform(Tensor x);

    Tensor FitTransform(Tensor x) => Fit(x).Transform(x);
}
