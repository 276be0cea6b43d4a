namespace Sharpgrad.Data;

/// <summary>
/// Resamples images under an affine map with bilinear interpolation, the "affine grid + sampler" of spatial
/// transformer networks (Jaderberg et al., 2015) and of torchvision's tensor <c>affine</c>. For every output
/// pixel (x, y), at integer pixel-centre coordinates, a 2×3 matrix per image gives the source point
/// (a·x + b·y + c, d·x + e·y + f); its value is interpolated from the four surrounding pixels, and pixels
/// outside the image count as 0 (zero padding). Everything is composed of tensor ops: a gather of each of the
/// four neighbours and a weighted sum.
/// </summary>
internal static class AffineSampling
{
    /// <summary>Images [N, C, H, W] sampled through <paramref name="matrices"/> [N, 2, 3] (output pixel → source point).</summary>
    public static Tensor Warp(Tensor images, Tensor matrices)
    {
        int n = images.Size(0), height = images.Size(2), width = images.Size(3);
        var x = Tensor.Arange(width).Double().View(1, 1, width);
        var y = Tensor.Arange(height).Double().View(1, height, 1);
        var m = matrices.Double();
        Tensor M(int row, int column) => m.Select(1, row).Select(1, column).Reshape(n, 1, 1);
        var sourceX = M(0, 0) * x + M(0, 1) * y + M(0, 2); // [N, H, W]
        var sourceY = M(1, 0) * x + M(1, 1) * y + M(1, 2);
        return Bilinear(images, sourceX, sourceY);
    }

    /// <summary>
    /// Bilinear interpolation at the source points: with x₀ = ⌊x⌋, fx = x − x₀ (and likewise for y), the value is
    /// Σ over the four neighbours of (1−fx or fx)·(1−fy or fy)·image[y₀ or y₀+1, x₀ or x₀+1].
    /// </summary>
    private static Tensor Bilinear(Tensor images, Tensor sourceX, Tensor sourceY)
    {
        var (x0, fx) = FloorAndFraction(sourceX, images.Size(3));
        var (y0, fy) = FloorAndFraction(sourceY, images.Size(2));
        Tensor? sum = null;
        foreach (int dy in (int[])[0, 1])
            foreach (int dx in (int[])[0, 1])
            {
                var weight = (dy == 0 ? 1 - fy : fy) * (dx == 0 ? 1 - fx : fx);
                var term = Neighbour(images, y0 + dy, x0 + dx, weight);
                sum = sum is null ? term : sum + term;
            }
        return sum!;
    }

    /// <summary>
    /// ⌊coordinate⌋ as int64 and the remainder. Coordinates are first clamped to [−1, size]: beyond that range
    /// both neighbours lie outside the image and contribute 0 either way, and inside it coordinate + 1 ≥ 0,
    /// where converting to int64 (which truncates) gives the floor.
    /// </summary>
    private static (Tensor Floor, Tensor Fraction) FloorAndFraction(Tensor coordinate, int size)
    {
        var clamped = coordinate.Clamp(-1, size);
        var floor = (clamped + 1).Long() - 1;
        return (floor, clamped - floor.Double());
    }

    /// <summary>
    /// weight · image[n, :, rows, cols] for every output pixel ([N, C, H, W]), with 0 where (rows, cols) lies
    /// outside the image.
    /// </summary>
    private static Tensor Neighbour(Tensor images, Tensor rows, Tensor columns, Tensor weight)
    {
        int n = images.Size(0), channels = images.Size(1), height = images.Size(2), width = images.Size(3);
        int outHeight = rows.Size(1), outWidth = rows.Size(2);
        var inside = rows.Ge(0).Double() * rows.Lt(height).Double() * columns.Ge(0).Double() * columns.Lt(width).Double();
        var index = (rows.Clamp(0, height - 1) * width + columns.Clamp(0, width - 1))
            .View(n, 1, outHeight * outWidth)
            .Expand(n, channels, outHeight * outWidth)
            .Contiguous();
        var values = images.Reshape(n, channels, height * width).Gather(2, index).View(n, channels, outHeight, outWidth);
        return values * (weight * inside).To(images.DType).Unsqueeze(1);
    }
}
