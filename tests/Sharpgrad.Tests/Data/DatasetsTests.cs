using Sharpgrad.Data;

namespace Sharpgrad.Tests.Data;

/// <summary>
/// The bundled UCI data sets. Expected sizes and class counts are the ones published in each data set's UCI
/// description (and scikit-learn's DESCR); feature ranges are the documented min/max summary statistics.
/// </summary>
public class DatasetsTests
{
    private static long[] ClassCounts(Tensor labels, int classes) => Tensor.OneHot(labels, classes).Sum(0).ToArray<long>();

    [Fact]
    public void DigitsHas1797SamplesOf64PixelsWithTheUciClassCounts()
    {
        var digits = Datasets.Digits();
        Assert.Equal(1797, digits.Count);
        Assert.Equal([1797, 64], digits.Inputs.Shape);
        Assert.Equal(DType.Float32, digits.Inputs.DType);
        Assert.Equal([1797], digits.Targets.Shape);
        Assert.Equal(DType.Int64, digits.Targets.DType);
        // optdigits.names, "Class distribution", testing set (optdigits.tes = scikit-learn's load_digits).
        var counts = ClassCounts(digits.Targets, 10);
        Assert.Equal([178L, 182, 177, 183, 181, 182, 181, 179, 174, 180], counts);
        Assert.Equal(1797, counts.Sum());
        Assert.Equal(0, digits.Targets.Min().Item());
        Assert.Equal(9, digits.Targets.Max().Item());
    }

    [Fact]
    public void DigitsPixelsAreCountsOf0To16ScaledInto0To1()
    {
        var x = Datasets.Digits().Inputs;
        Assert.Equal(0.0, x.Min().Item());
        Assert.Equal(1.0, x.Max().Item());
        // Every value is k/16 for a whole k: scaling back must give integers.
        var counts = x * 16.0;
        Assert.True(counts.Eq(counts.Long().Float()).All());
    }

    [Fact]
    public void DigitsImagesAreTheVectorsReshapedTo8By8()
    {
        var vectors = Datasets.Digits().Inputs;
        var images = Datasets.Digits(images: true);
        Assert.Equal([1797, 1, 8, 8], images.Inputs.Shape);
        Assert.True(images.Inputs.Eq(vectors.Reshape(1797, 1, 8, 8)).All());
        // Row-major: pixel (r, c) of sample 5 is element 8r + c of its vector.
        Assert.Equal(vectors[5, 8 * 3 + 6].Item(), images.Inputs[5, 0, 3, 6].Item());
        Assert.True(images.Targets.Eq(Datasets.Digits().Targets).All());
    }

    [Fact]
    public void EveryCallReturnsAFreshDatasetOverTheCachedTensors()
    {
        var a = Datasets.Digits();
        var b = Datasets.Digits();
        Assert.NotSame(a, b);
        Assert.True(a.Inputs.Eq(b.Inputs).All());
    }

    [Fact]
    public void IrisHas150FlowersOf4FeaturesAnd50PerClass()
    {
        var iris = Datasets.Iris();
        Assert.Equal([150, 4], iris.Inputs.Shape);
        Assert.Equal(DType.Float32, iris.Inputs.DType);
        Assert.Equal(DType.Int64, iris.Targets.DType);
        Assert.Equal([50L, 50, 50], ClassCounts(iris.Targets, 3));
        // iris.names summary statistics (cm, unscaled): sepal length 4.3–7.9, sepal width 2.0–4.4,
        // petal length 1.0–6.9, petal width 0.1–2.5.
        AssertColumnRange(iris.Inputs, [4.3, 2.0, 1.0, 0.1], [7.9, 4.4, 6.9, 2.5]);
    }

    [Fact]
    public void WineHas178SamplesOf13FeaturesIn3Cultivars()
    {
        var wine = Datasets.Wine();
        Assert.Equal([178, 13], wine.Inputs.Shape);
        Assert.Equal([59L, 71, 48], ClassCounts(wine.Targets, 3));
        // scikit-learn's wine DESCR (values to 1 decimal): alcohol 11.0–14.8, proline 278–1680 (unscaled).
        var alcohol = wine.Inputs[.., 0];
        var proline = wine.Inputs[.., 12];
        Assert.Equal(11.0, alcohol.Min().Item(), 0.05);
        Assert.Equal(14.8, alcohol.Max().Item(), 0.05);
        Assert.Equal(278, proline.Min().Item());
        Assert.Equal(1680, proline.Max().Item());
    }

    [Fact]
    public void BreastCancerHas212MalignantAnd357Benign()
    {
        var cancer = Datasets.BreastCancer();
        Assert.Equal([569, 30], cancer.Inputs.Shape);
        // wdbc.names: "Class distribution: 357 benign, 212 malignant"; label 0 = malignant, 1 = benign.
        Assert.Equal([212L, 357], ClassCounts(cancer.Targets, 2));
        // wdbc.names: mean radius ranges 6.981–28.11.
        Assert.Equal(6.981, cancer.Inputs[.., 0].Min().Item(), 1e-5);
        Assert.Equal(28.11, cancer.Inputs[.., 0].Max().Item(), 1e-5);
    }

    [Fact]
    public void TheBookFirstProgramSplitsDigits()
    {
        var (train, test) = Datasets.Digits().Split(0.8, seed: 0);
        Assert.Equal(1438, train.Count); // round(0.8 · 1797) = round(1437.6)
        Assert.Equal(359, test.Count);
        var (x, y) = new DataLoader(train, batchSize: 32, shuffle: true, seed: 0).First();
        Assert.Equal([32, 64], x.Shape);
        Assert.Equal([32], y.Shape);
    }

    private static void AssertColumnRange(Tensor x, double[] min, double[] max)
    {
        var mins = x.Min(0).Values.ToDoubleArray();
        var maxs = x.Max(0).Values.ToDoubleArray();
        for (int c = 0; c < min.Length; c++)
        {
            Assert.Equal(min[c], mins[c], 1e-5);
            Assert.Equal(max[c], maxs[c], 1e-5);
        }
    }
}
