using Sharpgrad.Kernels;

namespace Sharpgrad.NN;

/// <summary>How <see cref="Functional.GridSample"/> reads the input between pixels.</summary>
public enum GridSampleMode
{
    /// <summary>A weighted average of the four surrounding pixels; differentiable in the input and the grid.</summary>
    Bilinear,

    /// <summary>The pixel nearest to the location (ties to even); the grid gets no gradient.</summary>
    Nearest,
}

/// <summary>What <see cref="Functional.GridSample"/> reads at locations outside the input (PyTorch's padding_mode).</summary>
public enum GridSamplePadding
{
    /// <summary>Pixels outside the image are 0.</summary>
    Zeros,

    /// <summary>Locations are clipped to the image, so the border pixels extend outwards.</summary>
    Border,

    /// <summary>Locations are reflected at the image's edges until they fall inside, then clipped.</summary>
    Reflection,
}

public static partial class Functional
{
    // ---------------------------------------------------------------- spatial transformers (Jaderberg et al. 2015)

    /// <summary>
    /// The sampling grid of 2-D affine maps: for output size [N, C, H, W], grid[n, i, j] = θₙ·(xⱼ, yᵢ, 1) with (x, y)
    /// the normalised coordinates of output pixel (i, j) in [−1, 1]. With <paramref name="alignCorners"/> the extreme
    /// coordinates are the corner pixels' centres, without it the corner pixels' outer edges (so x = (2j + 1)/W − 1).
    /// Feed the result to <see cref="GridSample"/> to warp an image by θ. Linear in θ, so its gradient is exact.
    /// </summary>
    /// <param name="theta">[N, 2, 3] affine matrices</param>
    /// <param name="size">the output size [N, C, H, W]</param>
    public static Tensor AffineGrid(Tensor theta, int[] size, bool alignCorners = false)
    {
        const string op = "AffineGrid";
        ArgumentNullException.ThrowIfNull(size);
        CheckNormFloat(op, theta);
        if (size.Length != 4 || size.Any(s => s < 1))
            throw new ArgumentException($"{op}: size must be a 4-D output size [N, C, H, W] of positive sizes, got [{string.Join(", ", size)}] (only 2-D grids are supported).");
        if (theta.Rank != 3 || theta.Size(0) != size[0] || theta.Size(1) != 2 || theta.Size(2) != 3)
            throw new ArgumentException($"{op}: theta must have shape [{size[0]}, 2, 3] for size [{string.Join(", ", size)}], got {theta.ShapeText}.");
        int height = size[2], width = size[3];
        var x = GridCoordinates(width, alignCorners, theta.DType).Reshape(1, width).Expand(height, width);
        var y = GridCoordinates(height, alignCorners, theta.DType).Reshape(height, 1).Expand(height, width);
        var baseGrid = Tensor.Stack([x, y, Tensor.Ones([height, width], theta.DType)], 2).Reshape(height * width, 3);
        return baseGrid.MatMul(theta.Transpose(1, 2)).Reshape(size[0], height, width, 2);   // [N, H·W, 3]·[N, 3, 2]
    }

    /// <summary>The n normalised pixel coordinates in [−1, 1] along one axis (0 for a single pixel, as PyTorch).</summary>
    private static Tensor GridCoordinates(int n, bool alignCorners, DType dtype)
    {
        if (n == 1) return Tensor.Zeros([1], dtype);
        var steps = Tensor.Linspace(-1, 1, n, dtype);
        return alignCorners ? steps : steps * ((n - 1) / (double)n);
    }

    /// <summary>
    /// Samples the input [N, C, H, W] at the locations of <paramref name="grid"/> [N, Ho, Wo, 2], whose last dim holds
    /// normalised (x, y) in [−1, 1] (see <see cref="AffineGrid"/> for what ±1 mean): the output is [N, C, Ho, Wo]. This is
    /// the sampler of a spatial transformer network (Jaderberg et al. 2015), and bilinear sampling is differentiable in
    /// both the input and the grid, so the grid itself can be learned. Gradients are first order only, as in PyTorch.
    /// </summary>
    public static Tensor GridSample(Tensor input, Tensor grid, GridSampleMode mode = GridSampleMode.Bilinear,
        GridSamplePadding paddingMode = GridSamplePadding.Zeros, bool alignCorners = false)
    {
        const string op = "GridSample";
        CheckNormFloat(op, input);
        if (input.Rank != 4)
            throw new ArgumentException($"{op}: expected a 4-D input [N, C, H, W], got shape {input.ShapeText}.");
        if (grid.Rank != 4 || grid.Size(0) != input.Size(0) || grid.Size(3) != 2)
            throw new ArgumentException($"{op}: grid must have shape [{input.Size(0)}, Ho, Wo, 2] for input of shape {input.ShapeText}, got {grid.ShapeText}.");
        if (grid.DType != input.DType)
            throw new ArgumentException($"{op}: input and grid must share a dtype, got {input.DType.Name()} and {grid.DType.Name()}.");
        if (input.Size(2) == 0 || input.Size(3) == 0)
            throw new ArgumentException($"{op}: cannot sample an empty image (input shape {input.ShapeText}).");

        var s = new SampleImage(input.Size(0), input.Size(1), input.Size(2), input.Size(3), grid.Size(1), grid.Size(2),
            mode == GridSampleMode.Nearest, paddingMode switch
            {
                GridSamplePadding.Zeros => SamplePadding.Zeros,
                GridSamplePadding.Border => SamplePadding.Border,
                GridSamplePadding.Reflection => SamplePadding.Reflection,
                _ => throw new ArgumentOutOfRangeException(nameof(paddingMode), paddingMode, $"{op}: unknown padding mode."),
            }, alignCorners);
        // The sampler works in float64 (a float32 input is rounded back at the end), like the linear-algebra ones.
        var pixels = AsFloat64(input);
        var locations = AsFloat64(grid);
        var output = Tensor.Uninitialized(DType.Float64, [s.Batch, s.Channels, s.OutHeight, s.OutWidth], Device.Of(op, input, grid));
        input.Backend.GridSample(output, pixels, locations, s);
        var y = output.To(input.DType);
        return y.Record(op, [input, grid], g =>
        {
            var gradInput = input.RequiresGrad ? Tensor.EmptyLike(pixels) : null;
            var gradGrid = grid.RequiresGrad ? Tensor.UninitializedLike(locations) : null;
            input.Backend.GridSampleBackward(gradInput, gradGrid, pixels, locations, AsFloat64(g), s);
            // PyTorch has no derivative of grid_sampler_2d_backward either: a second derivative throws.
            Tensor? Wrap(Tensor? grad, Tensor like) => grad?.To(like.DType).FirstOrderOnly("GridSampleBackward", like);
            return [Wrap(gradInput, input), Wrap(gradGrid, grid)];
        });
    }

    /// <summary>The elements of <paramref name="t"/> as a contiguous float64 tensor outside the graph.</summary>
    private static Tensor AsFloat64(Tensor t) => t.Detach().To(DType.Float64).Contiguous();
}
