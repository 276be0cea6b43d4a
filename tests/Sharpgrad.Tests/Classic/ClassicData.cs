using Sharpgrad.Classic;
using Sharpgrad.Data;

namespace Sharpgrad.Tests.Classic;

/// <summary>Small data sets for the classic-model tests.</summary>
internal static class ClassicData
{
    public static (Tensor X, Tensor Y) Iris()
    {
        var data = Datasets.Iris();
        return (data.Inputs, data.Targets);
    }

    /// <summary>N points uniform in [0, 1]² labelled [x₂ &gt; x₁] (BOOKS §2: tree versus logistic regression).</summary>
    public static (Tensor X, Tensor Y) AboveDiagonal(int n, long seed)
    {
        var x = Tensor.Rand([n, 2], DType.Float64, new Generator(seed));
        return (x, x[.., 1].Gt(x[.., 0]).Long());
    }

    /// <summary>Standardised features through a scaler fitted on <paramref name="train"/> only.</summary>
    public static (Tensor Train, Tensor Test) Standardise(Tensor train, Tensor test)
    {
        var scaler = new StandardScaler();
        scaler.Fit(train);
        return (scaler.Transform(train), scaler.Transform(test));
    }
}
