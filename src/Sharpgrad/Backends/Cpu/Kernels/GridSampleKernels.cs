namespace Sharpgrad.Kernels;

/// <summary>Where a sampling location outside the image reads from (PyTorch's padding_mode of grid_sample).</summary>
internal enum SamplePadding { Zeros, Border, Reflection }

/// <summary>
/// The image and sampling options of a grid sample: an input [N, C, H, W] read at the locations of a grid
/// [N, Ho, Wo, 2] whose last dim holds (x, y) in [−1, 1] (−1 the left/top edge, 1 the right/bottom one).
/// </summary>
internal readonly record struct SampleImage(int Batch, int Channels, int Height, int Width, int OutHeight, int OutWidth,
    bool Nearest, SamplePadding Padding, bool AlignCorners);

/// <summary>
/// Spatial transformer sampling (Jaderberg et al. 2015), PyTorch's grid_sampler_2d on the CPU, in float64. Each batch
/// element writes only its own slice of every output, so the work splits by batch element and the result is the same
/// for any thread count.
/// </summary>
internal static class GridSampleKernels
{
    /// <summary>out[n, c, i, j] = the input sampled at grid[n, i, j].</summary>
    public static void Forward(SampleImage s, ReadOnlyMemory<double> inputMemory, ReadOnlyMemory<double> gridMemory, Memory<double> outputMemory)
    {
        ParallelRange.For(s.Batch, 1, (first, end) =>
        {
            ReadOnlySpan<double> input = inputMemory.Span, grid = gridMemory.Span;
            var output = outputMemory.Span;
            for (int n = (int)first; n < end; n++)
                for (int p = 0; p < s.OutHeight * s.OutWidth; p++)
                {
                    var at = Locate(s, grid, n, p);
                    for (int c = 0; c < s.Channels; c++)
                    {
                        int plane = (n * s.Channels + c) * s.Height * s.Width;
                        double sum = 0;
                        for (int k = 0; k < at.Taps; k++)
                            if (at.Inside(k, s)) sum += input[plane + at.Y(k) * s.Width + at.X(k)] * at.Weight(k);
                        output[(n * s.Channels + c) * s.OutHeight * s.OutWidth + p] = sum;
                    }
                }
        });
    }

    /// <summary>
    /// The gradients of Σ out·g: w.r.t. the input (each tap's weight times g, added at the tap) and w.r.t. the grid
    /// (the bilinear weights' derivatives in x and y, times the chain factors of unnormalisation, clipping and
    /// reflection). Nearest sampling is piecewise constant in the grid, so its grid gradient is zero, as in PyTorch.
    /// The input gradient is added to <paramref name="gradInputMemory"/>, which must arrive zero-filled; an empty
    /// gradient memory is one that is not wanted.
    /// </summary>
    public static void Backward(SampleImage s, ReadOnlyMemory<double> inputMemory, ReadOnlyMemory<double> gridMemory, ReadOnlyMemory<double> gMemory,
        Memory<double> gradInputMemory, Memory<double> gradGridMemory)
    {
        bool wantInput = !gradInputMemory.IsEmpty, wantGrid = !gradGridMemory.IsEmpty;
        ParallelRange.For(s.Batch, 1, (first, end) =>
        {
            ReadOnlySpan<double> input = inputMemory.Span, grid = gridMemory.Span, g = gMemory.Span;
            Span<double> gradInput = gradInputMemory.Span, gradGrid = gradGridMemory.Span;
            for (int n = (int)first; n < end; n++)
                for (int p = 0; p < s.OutHeight * s.OutWidth; p++)
                {
                    var at = Locate(s, grid, n, p);
                    double gx = 0, gy = 0;
                    for (int c = 0; c < s.Channels; c++)
                    {
                        int plane = (n * s.Channels + c) * s.Height * s.Width;
                        double go = g[(n * s.Channels + c) * s.OutHeight * s.OutWidth + p];
                        for (int k = 0; k < at.Taps; k++)
                        {
                            if (!at.Inside(k, s)) continue;
                            int tap = plane + at.Y(k) * s.Width + at.X(k);
                            if (wantInput) gradInput[tap] += at.Weight(k) * go;
                            if (!s.Nearest)
                            {
                                gx += input[tap] * at.WeightDx(k) * go;
                                gy += input[tap] * at.WeightDy(k) * go;
                            }
                        }
                    }
                    if (wantGrid)
                    {
                        int cell = (n * s.OutHeight * s.OutWidth + p) * 2;
                        gradGrid[cell] = gx * at.ScaleX;
                        gradGrid[cell + 1] = gy * at.ScaleY;
                    }
                }
        });
    }

    private static SourcePoint Locate(SampleImage s, ReadOnlySpan<double> grid, int n, int p)
    {
        int cell = (n * s.OutHeight * s.OutWidth + p) * 2;
        double x = SourceCoordinate(grid[cell], s.Width, s, out double scaleX);
        double y = SourceCoordinate(grid[cell + 1], s.Height, s, out double scaleY);
        return new SourcePoint(x, y, scaleX, scaleY, s.Nearest);
    }

    /// <summary>
    /// A normalised coordinate in [−1, 1] mapped to pixel units and then into the image by the padding rule, with the
    /// derivative of the whole map in <paramref name="scale"/>. With aligned corners −1 and 1 are the centres of the
    /// corner pixels; without, they are the outer edges of the corner pixels.
    /// </summary>
    private static double SourceCoordinate(double coordinate, int size, SampleImage s, out double scale)
    {
        double pixel = s.AlignCorners ? (coordinate + 1) / 2 * (size - 1) : ((coordinate + 1) * size - 1) / 2;
        scale = s.AlignCorners ? (size - 1) / 2.0 : size / 2.0;
        // Far outside (or NaN) every tap reads zero padding; pinning the location keeps Floor within int range.
        if (s.Padding == SamplePadding.Zeros) return pixel > -2 && pixel < size + 1 ? pixel : -2;
        if (s.Padding == SamplePadding.Reflection)
        {
            pixel = s.AlignCorners ? Reflect(pixel, 0, 2 * (size - 1), out double flip) : Reflect(pixel, -1, 2 * size - 1, out flip);
            scale *= flip;
        }
        // Clip into [0, size − 1]; a clipped coordinate no longer moves with the grid.
        if (pixel <= 0) { scale = 0; return 0; }
        if (pixel >= size - 1) { scale = 0; return size - 1; }
        return pixel;
    }

    /// <summary>
    /// Folds <paramref name="x"/> into [low/2, high/2] by reflecting at the ends (coordinates doubled so that the
    /// half-pixel bounds stay integers), with the derivative ±1 of the fold.
    /// </summary>
    private static double Reflect(double x, int twiceLow, int twiceHigh, out double derivative)
    {
        if (twiceLow == twiceHigh) { derivative = 0; return 0; }
        double min = twiceLow / 2.0, span = (twiceHigh - twiceLow) / 2.0;
        x -= min;
        double sign = 1;
        if (x < 0) { sign = -1; x = -x; }
        double extra = x % span;
        bool evenFlips = (long)Math.Floor(x / span) % 2 == 0;
        derivative = evenFlips ? sign : -sign;
        return evenFlips ? extra + min : span - extra + min;
    }

    /// <summary>
    /// The taps a sample reads: for nearest, the one pixel at the rounded location (ties to even, as nearbyint); for
    /// bilinear, the four pixels around it, weighted by the opposite rectangle's area.
    /// </summary>
    private readonly struct SourcePoint(double x, double y, double scaleX, double scaleY, bool nearest)
    {
        private readonly int left = nearest ? (int)Math.Round(x, MidpointRounding.ToEven) : (int)Math.Floor(x);
        private readonly int top = nearest ? (int)Math.Round(y, MidpointRounding.ToEven) : (int)Math.Floor(y);

        public double ScaleX => scaleX;
        public double ScaleY => scaleY;
        public int Taps => nearest ? 1 : 4;

        /// <summary>Tap k: 0 north-west, 1 north-east, 2 south-west, 3 south-east.</summary>
        public int X(int k) => left + (k & 1);
        public int Y(int k) => top + (k >> 1);

        public bool Inside(int k, SampleImage s) => X(k) >= 0 && X(k) < s.Width && Y(k) >= 0 && Y(k) < s.Height;

        // A tap's weight is the product of its distances to the far sides: (1 − |x − X|)(1 − |y − Y|).
        private double WeightX(int k) => (k & 1) == 1 ? x - left : left + 1 - x;
        private double WeightY(int k) => (k >> 1) == 1 ? y - top : top + 1 - y;

        public double Weight(int k) => nearest ? 1 : WeightX(k) * WeightY(k);
        public double WeightDx(int k) => ((k & 1) == 1 ? 1 : -1) * WeightY(k);
        public double WeightDy(int k) => ((k >> 1) == 1 ? 1 : -1) * WeightX(k);
    }
}
