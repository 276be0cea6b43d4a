using System.IO.Compression;

namespace Sharpgrad.Data;

/// <summary>
/// Small classic data sets from the UCI Machine Learning Repository that ship inside the library (CC BY 4.0;
/// sources and citations in Data/Resources/README.md), so the books' first experiments run with no download:
/// <c>var (train, test) = Datasets.Digits().Split(0.8, seed: 0);</c>.
/// Each file is parsed once, on first use, and the tensors are cached; every call returns a fresh
/// <see cref="TensorDataset"/> over those same tensors. Treat them as read-only: transform into new tensors
/// (e.g. <c>(x - mean) / std</c>) rather than writing into them in place, which would change every later call.
/// Targets are int64 class indices 0..K−1, ready for cross-entropy.
/// </summary>
public static partial class Datasets
{
    private static readonly Lazy<(Tensor Inputs, Tensor Targets)> digits = new(LoadDigits);
    private static readonly Lazy<(Tensor Inputs, Tensor Targets)> iris = new(() => LoadWithHeader("iris.csv"));
    private static readonly Lazy<(Tensor Inputs, Tensor Targets)> wine = new(() => LoadWithHeader("wine_data.csv"));
    private static readonly Lazy<(Tensor Inputs, Tensor Targets)> breastCancer = new(() => LoadWithHeader("breast_cancer.csv"));

    /// <summary>
    /// UCI Optical Recognition of Handwritten Digits (Alpaydin &amp; Kaynak), the 8×8 test partition used by
    /// scikit-learn's <c>load_digits</c> and the CLS experiments: 1797 samples, labels 0..9 (the digit).
    /// Each pixel is a count 0..16 of set pixels in a 4×4 block of the original 32×32 bitmap; the inputs are
    /// float32 <b>divided by 16</b>, so they lie in [0, 1] — the scale at which the usual initialisations and
    /// learning rates work, without a normalisation step the user could forget.
    /// Inputs are [1797, 64] (row-major pixels), or [1797, 1, 8, 8] NCHW images when <paramref name="images"/>
    /// is true (a view of the same values, for convolutional networks). Targets are int64 [1797].
    /// </summary>
    public static TensorDataset Digits(bool images = false)
    {
        var (inputs, targets) = digits.Value;
        return new TensorDataset(images ? inputs.View(-1, 1, 8, 8) : inputs, targets);
    }

    /// <summary>
    /// Fisher's Iris: 150 flowers, 4 float32 features in centimetres, unscaled (sepal length, sepal width,
    /// petal length, petal width); labels 0 = setosa, 1 = versicolor, 2 = virginica, 50 of each.
    /// </summary>
    public static TensorDataset Iris() => Fresh(iris);

    /// <summary>
    /// Wine recognition (Forina et al.): 178 wines from three cultivars, 13 float32 chemical measurements as in
    /// the file, unscaled (alcohol, malic acid, ash, alcalinity of ash, magnesium, total phenols, flavanoids,
    /// nonflavanoid phenols, proanthocyanins, colour intensity, hue, OD280/OD315 of diluted wines, proline);
    /// labels 0, 1, 2 = cultivars 1, 2, 3 of the UCI file, with 59, 71 and 48 samples. The features span
    /// very different ranges (proline is in the hundreds), so standardise them before gradient descent.
    /// </summary>
    public static TensorDataset Wine() => Fresh(wine);

    /// <summary>
    /// Breast Cancer Wisconsin (Diagnostic) (Wolberg, Street, Mangasarian): 569 fine-needle aspirates, 30 float32
    /// features as in the file, unscaled (mean, standard error and worst value of ten cell-nucleus measurements:
    /// radius, texture, perimeter, area, smoothness, compactness, concavity, concave points, symmetry, fractal
    /// dimension). Labels follow scikit-learn: <b>0 = malignant (212), 1 = benign (357)</b>.
    /// </summary>
    public static TensorDataset BreastCancer() => Fresh(breastCancer);

    private static TensorDataset Fresh(Lazy<(Tensor Inputs, Tensor Targets)> cached)
    {
        var (inputs, targets) = cached.Value;
        return new TensorDataset(inputs, targets);
    }

    private static (Tensor, Tensor) LoadDigits()
    {
        var table = Read("digits.csv.gz", reader => LabeledCsv.ParseHeaderless(reader, "digits.csv.gz", featureCount: 64, classCount: 10));
        var (pixels, labels) = ToTensors(table);
        return (pixels / 16.0, labels);
    }

    private static (Tensor, Tensor) LoadWithHeader(string fileName)
        => ToTensors(Read(fileName, reader => LabeledCsv.ParseWithHeader(reader, fileName)));

    private static (Tensor, Tensor) ToTensors(LabeledCsv.Table table)
        => (Tensor.FromArray(table.Features, table.Rows, table.FeatureCount), Tensor.FromArray(table.Labels));

    private static LabeledCsv.Table Read(string fileName, Func<TextReader, LabeledCsv.Table> parse)
    {
        string resource = "Sharpgrad.Data.Resources." + fileName;
        using var stream = typeof(Datasets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Datasets: {fileName}: embedded resource '{resource}' is missing from the Sharpgrad assembly.");
        using var content = fileName.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        using var reader = new StreamReader(content);
        return parse(reader);
    }
}
