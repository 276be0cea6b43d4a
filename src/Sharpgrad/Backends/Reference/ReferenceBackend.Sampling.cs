using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Reference;

// The sampler of a spatial transformer network (Jaderberg, Simonyan, Zisserman & Kavukcuoglu 2015, §3.3): every output
// pixel reads the input at a location given by the grid, as a weighted sum of input pixels (eq. 3). With bilinear
// interpolation (eq. 5) the weights are max(0, 1 − |x − m|)·max(0, 1 − |y − n|), and the sum is differentiable in
// both the input (eq. 6) and the location (eq. 7). Locations outside the image follow PyTorch's padding modes.
internal sealed partial class ReferenceBackend
{
    public override void GridSample(Tensor output, Tensor input, Tensor grid, SampleImage image)
    {
        RequireOwn("GridSample", output, input, grid);
        var sampler = new Sampler(image, input, grid);
        double[] y = output.Data<double>();
        for (int n = 0; n < image.Batch; n++)
            for (int c = 0; c < image.Channels; c++)
                for (int i = 0; i < image.OutHeight; i++)
                    for (int j = 0; j < image.OutWidth; j++)
                    {
                        var at = sampler.Locate(n, i, j);
                        double sum = 0;
                        foreach (var (row, column, weight, _, _) in at.Taps())
                            sum += weight * sampler.Pixel(n, c, row, column);
                        y[output.offset + ((n * image.Channels + c) * image.OutHeight + i) * image.OutWidth + j] = sum;
                    }
    }

    public override void GridSampleBackward(Tensor? gradInput, Tensor? gradGrid, Tensor input, Tensor grid, Tensor gradOutput, SampleImage image)
    {
        RequireOwn("GridSampleBackward", input, grid, gradOutput, gradInput);
        if (gradGrid is not null) RequireOwn("GridSampleBackward", gradGrid);
        var sampler = new Sampler(image, input, grid);
        double[] g = gradOutput.Data<double>();
        double[]? dInput = gradInput?.Data<double>(), dGrid = gradGrid?.Data<double>();
        for (int n = 0; n < image.Batch; n++)
            for (int i = 0; i < image.OutHeight; i++)
                for (int j = 0; j < image.OutWidth; j++)
                {
                    var at = sampler.Locate(n, i, j);
                    double dx = 0, dy = 0;   // ∂(Σ out·g)/∂x and /∂y in pixel units (eq. 7)
                    for (int c = 0; c < image.Channels; c++)
                    {
                        double go = g[gradOutput.offset + ((n * image.Channels + c) * image.OutHeight + i) * image.OutWidth + j];
                        foreach (var (row, column, weight, weightDx, weightDy) in at.Taps())
                        {
                            if (dInput is not null) dInput[gradInput!.offset + sampler.PixelIndex(n, c, row, column)] += weight * go;   // eq. 6
                            double v = sampler.Pixel(n, c, row, column);
                            dx += v * weightDx * go;
                            dy += v * weightDy * go;
                        }
                    }
                    if (dGrid is null) continue;
                    // Chain rule through the map from normalised to pixel coordinates (and its padding fold).
                    int cell = gradGrid!.offset + ((n * image.OutHeight + i) * image.OutWidth + j) * 2;
                    dGrid[cell] = image.Nearest ? 0 : dx * at.ScaleX;
                    dGrid[cell + 1] = image.Nearest ? 0 : dy * at.ScaleY;
                }
    }

    /// <summary>The input image and the grid of one grid sample, read element by element.</summary>
    private readonly struct Sampler(SampleImage image, Tensor input, Tensor grid)
    {
        private readonly double[] pixels = input.Data<double>(), locations = grid.Data<double>();

        public int PixelIndex(int n, int c, int row, int column) => ((n * image.Channels + c) * image.Height + row) * image.Width + column;

        public double Pixel(int n, int c, int row, int column) => pixels[input.offset + PixelIndex(n, c, row, column)];

        /// <summary>Where output pixel (i, j) of example n reads the input, in pixel units.</summary>
        public SampleLocation Locate(int n, int i, int j)
        {
            int cell = grid.offset + ((n * image.OutHeight + i) * image.OutWidth + j) * 2;
            var (x, scaleX) = ToPixel(locations[cell], image.Width);
            var (y, scaleY) = ToPixel(locations[cell + 1], image.Height);
            return new SampleLocation(image, x, y, scaleX, scaleY);
        }

        /// <summary>
        /// A normalised coordinate u ∈ [−1, 1] in pixel units, moved into the image by the padding mode, with the
        /// derivative of the whole map. With aligned corners u = ±1 are the centres of the corner pixels, so
        /// x = (u + 1)(size − 1)/2; without, they are the corner pixels' outer edges, so x = ((u + 1)·size − 1)/2.
        /// </summary>
        private (double Pixel, double Derivative) ToPixel(double u, int size)
        {
            double x = image.AlignCorners ? (u + 1) / 2 * (size - 1) : ((u + 1) * size - 1) / 2;
            double derivative = image.AlignCorners ? (size - 1) / 2.0 : size / 2.0;
            if (image.Padding == SamplePadding.Zeros) return (x, derivative);   // taps outside the image read 0
            if (image.Padding == SamplePadding.Reflection)
            {
                // Mirror at the image's edges: the corner pixels' centres (aligned) or their outer edges (not aligned).
                double low = image.AlignCorners ? 0 : -0.5, high = image.AlignCorners ? size - 1 : size - 0.5;
                (x, double flip) = Mirror(x, low, high);
                derivative *= flip;
            }
            // Border (and after mirroring): clip into [0, size − 1]; a clipped coordinate stops following the grid.
            if (x <= 0) return (0, 0);
            if (x >= size - 1) return (size - 1, 0);
            return (x, derivative);
        }

        /// <summary>x reflected back and forth between <paramref name="low"/> and <paramref name="high"/> until inside, with the derivative ±1 of the folding.</summary>
        private static (double X, double Derivative) Mirror(double x, double low, double high)
        {
            double width = high - low;
            if (width <= 0) return (0, 0);
            double distance = Math.Abs(x - low), side = x < low ? -1 : 1;
            double folds = Math.Floor(distance / width), rest = distance - folds * width;
            // An even number of folds leaves the direction as it was; an odd number reverses it.
            return folds % 2 == 0 ? (low + rest, side) : (high - rest, -side);
        }
    }

    /// <summary>
    /// A sampling location in pixel units and the input pixels it reads: the nearest pixel (rounded half to even), or the
    /// four around it with bilinear weights (eq. 5), each with its weight's derivatives in x and y. Taps outside the
    /// image are left out, which is reading 0 there.
    /// </summary>
    private readonly struct SampleLocation(SampleImage image, double x, double y, double scaleX, double scaleY)
    {
        public double ScaleX => scaleX;
        public double ScaleY => scaleY;

        public IEnumerable<(int Row, int Column, double Weight, double WeightDx, double WeightDy)> Taps()
        {
            if (image.Nearest)
            {
                double row = Math.Round(y, MidpointRounding.ToEven), column = Math.Round(x, MidpointRounding.ToEven);
                if (Inside(row, column)) yield return ((int)row, (int)column, 1, 0, 0);
                yield break;
            }
            double top = Math.Floor(y), left = Math.Floor(x);
            for (int dr = 0; dr <= 1; dr++)
                for (int dc = 0; dc <= 1; dc++)
                {
                    double row = top + dr, column = left + dc;
                    if (!Inside(row, column)) continue;
                    // 1 − |x − column| and 1 − |y − row|, whose derivatives are +1 for the far tap and −1 for the near one.
                    double wx = 1 - Math.Abs(x - column), wy = 1 - Math.Abs(y - row);
                    double signX = dc == 1 ? 1 : -1, signY = dr == 1 ? 1 : -1;
                    yield return ((int)row, (int)column, wx * wy, signX * wy, signY * wx);
                }
        }

        private bool Inside(double row, double column) => row >= 0 && row < image.Height && column >= 0 && column < image.Width;
    }
}
