namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Two numbers that say whether first-layer filters look like edge detectors (GBC §9.10: the first layer of a trained
/// CNN holds Gabor-like, smooth, oriented filters). Host-side arithmetic on the few weights and on small feature maps.
/// </summary>
public static class FilterStatistics
{
    /// <summary>
    /// The spatial-gradient energy of filters [C, k, k] relative to their energy, pooled over the filters:
    /// Σ (w[i, j+1] − w[i, j])² + (w[i+1, j] − w[i, j])² over Σ w². 0 for constant filters; large for noise.
    /// </summary>
    public static double Roughness(Tensor filters)
    {
        if (filters.Rank != 3) throw new ArgumentException($"FilterStatistics.Roughness: expected filters [C, k, k], got {filters.ShapeText}.");
        int count = filters.Size(0), height = filters.Size(1), width = filters.Size(2);
        var w = filters.Double().ToArray<double>();
        double gradient = 0, energy = 0;
        for (int c = 0; c < count; c++)
            for (int i = 0; i < height; i++)
                for (int j = 0; j < width; j++)
                {
                    double v = w[(c * height + i) * width + j];
                    energy += v * v;
                    if (j + 1 < width) gradient += Square(w[(c * height + i) * width + j + 1] - v);
                    if (i + 1 < height) gradient += Square(w[(c * height + i + 1) * width + j] - v);
                }
        if (energy == 0) throw new ArgumentException("FilterStatistics.Roughness: the filters are all zero, so their roughness is undefined.");
        return gradient / energy;
    }

    /// <summary>
    /// The roughness of k×k white noise (independent weights of equal variance σ², as at initialisation): each of the
    /// 2k(k − 1) neighbour differences has E[(a − b)²] = 2σ², and the energy is k²σ², so 4(k − 1)/k (8/3 for k = 3).
    /// </summary>
    public static double WhiteNoiseRoughness(int size) => 4.0 * (size - 1) / size;

    /// <summary>
    /// How much the feature maps respond at edges: the Pearson correlation, over all pixels of <paramref name="images"/>
    /// [N, 1, H, W], between a map's magnitude |<paramref name="responses"/>| [N, C, H, W] and the image's edge strength
    /// (the gradient magnitude by central differences, zero outside), averaged over the C maps.
    /// </summary>
    public static double EdgeCorrelation(Tensor images, Tensor responses)
    {
        if (images.Rank != 4 || images.Size(1) != 1 || responses.Rank != 4 || responses.Size(0) != images.Size(0)
            || responses.Size(2) != images.Size(2) || responses.Size(3) != images.Size(3))
            throw new ArgumentException($"FilterStatistics.EdgeCorrelation: expected images [N, 1, H, W] and responses [N, C, H, W] of the same N, H, W, got {images.ShapeText} and {responses.ShapeText}.");
        int n = images.Size(0), channels = responses.Size(1), height = images.Size(2), width = images.Size(3), plane = height * width;
        var x = images.Double().ToArray<double>();
        var r = responses.Double().ToArray<double>();
        var edges = new double[n * plane];
        double At(int image, int i, int j) => i < 0 || j < 0 || i >= height || j >= width ? 0 : x[image * plane + i * width + j];
        for (int m = 0; m < n; m++)
            for (int i = 0; i < height; i++)
                for (int j = 0; j < width; j++)
                    edges[m * plane + i * width + j] = Math.Sqrt(Square(At(m, i, j + 1) - At(m, i, j - 1)) + Square(At(m, i + 1, j) - At(m, i - 1, j))) / 2;
        double total = 0;
        for (int c = 0; c < channels; c++)
        {
            var magnitude = new double[n * plane];
            for (int m = 0; m < n; m++)
                for (int p = 0; p < plane; p++) magnitude[m * plane + p] = Math.Abs(r[(m * channels + c) * plane + p]);
            total += Pearson(magnitude, edges);
        }
        return total / channels;
    }

    private static double Pearson(double[] a, double[] b)
    {
        double meanA = a.Average(), meanB = b.Average(), ab = 0, aa = 0, bb = 0;
        for (int k = 0; k < a.Length; k++)
        {
            ab += (a[k] - meanA) * (b[k] - meanB);
            aa += Square(a[k] - meanA);
            bb += Square(b[k] - meanB);
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.Sqrt(aa * bb);
    }

    private static double Square(double v) => v * v;
}
