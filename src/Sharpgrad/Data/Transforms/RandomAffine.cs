namespace Sharpgrad.Data;

/// <summary>
/// Rotates, shifts and scales each image by a random affine map about its centre, as torchvision's
/// <c>RandomAffine(degrees, translate, scale)</c>, sampling bilinearly with zeros outside the image
/// (<see cref="AffineSampling"/>): the rotation/translation/scaling augmentations of GBC §7.4. Per image, in
/// torchvision's order, it draws
/// <list type="bullet">
/// <item>an angle uniform in [−degrees, degrees];</item>
/// <item>with <c>translate</c> = (a, b), shifts dx uniform in [−a·W, a·W] and dy in [−b·H, b·H],
/// each rounded to whole pixels;</item>
/// <item>with <c>scale</c> = (min, max), a zoom factor uniform in [min, max] (else 1).</item>
/// </list>
/// A pixel at offset p from the centre c = ((W−1)/2, (H−1)/2) moves to c + t + s·R(θ)·p with
/// R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]] in image coordinates (x right, y down), so a positive angle turns
/// the picture clockwise on screen, as in torchvision's <c>affine</c>. Unlike torchvision (nearest neighbour
/// by default) the sampling is always bilinear.
/// </summary>
public sealed class RandomAffine : ImageTransform
{
    public RandomAffine(double degrees, (double X, double Y)? translate = null, (double Min, double Max)? scale = null)
    {
        if (!(degrees >= 0) || !double.IsFinite(degrees))
            throw new ArgumentOutOfRangeException(nameof(degrees), $"RandomAffine: degrees must be non-negative and finite, got {degrees}.");
        if (translate is var (tx, ty) && !(tx >= 0 && tx <= 1 && ty >= 0 && ty <= 1))
            throw new ArgumentOutOfRangeException(nameof(translate), $"RandomAffine: translate fractions must lie in [0, 1], got ({tx}, {ty}).");
        if (scale is var (low, high) && !(low > 0 && low <= high && double.IsFinite(high)))
            throw new ArgumentOutOfRangeException(nameof(scale), $"RandomAffine: scale must be a range 0 < min ≤ max, got ({low}, {high}).");
        (Degrees, Translate, Scale) = (degrees, translate, scale);
    }

    /// <summary>The largest rotation, in degrees, either way.</summary>
    public double Degrees { get; }

    /// <summary>The largest shift as fractions of the width and the height, or null for none.</summary>
    public (double X, double Y)? Translate { get; }

    /// <summary>The range of zoom factors, or null for none.</summary>
    public (double Min, double Max)? Scale { get; }

    protected override Tensor ApplyToImages(Tensor images, Generator generator)
    {
        int n = images.Size(0), height = images.Size(2), width = images.Size(3);
        var matrices = new double[n * 6];
        for (int i = 0; i < n; i++)
        {
            double angle = Uniform.Draw(generator, -Degrees, Degrees);
            double dx = 0, dy = 0;
            if (Translate is var (fx, fy))
            {
                dx = Math.Round(Uniform.Draw(generator, -fx * width, fx * width)); // rounds half to even, as Python's round
                dy = Math.Round(Uniform.Draw(generator, -fy * height, fy * height));
            }
            double zoom = Scale is var (low, high) ? Uniform.Draw(generator, low, high) : 1;
            SourceMap(angle, dx, dy, zoom, height, width).CopyTo(matrices, 6 * i);
        }
        return AffineSampling.Warp(images, Tensor.FromArray(matrices, n, 2, 3));
    }

    /// <summary>Every image warped by the same rotation (degrees, clockwise), shift (pixels) and zoom.</summary>
    internal static Tensor Warp(Tensor images, double angle, double dx, double dy, double zoom)
    {
        int n = images.Size(0);
        var map = SourceMap(angle, dx, dy, zoom, images.Size(2), images.Size(3));
        return AffineSampling.Warp(images, Tensor.FromArray(map, 1, 2, 3).Expand(n, 2, 3));
    }

    /// <summary>
    /// The inverse of the map p ↦ c + t + s·R(θ)·(p − c), row-major 2×3: output pixel → source point,
    /// p = c + R(−θ)·(q − c − t)/s (torchvision's <c>_get_inverse_affine_matrix</c> without shear).
    /// </summary>
    private static double[] SourceMap(double angle, double dx, double dy, double zoom, int height, int width)
    {
        double radians = angle * Math.PI / 180, cos = Math.Cos(radians) / zoom, sin = Math.Sin(radians) / zoom;
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
        double ox = cx + dx, oy = cy + dy; // where the centre lands
        return
        [
            cos, sin, cx - cos * ox - sin * oy,
            -sin, cos, cy + sin * ox - cos * oy,
        ];
    }
}
