using Sharpgrad.Data;
using static Sharpgrad.Tests.Data.TransformTests;

namespace Sharpgrad.Tests.Data;

/// <summary>
/// The geometric and photometric augmentations (GBC §7.4), checked against closed forms written out here with
/// plain index arithmetic: mirrored columns, zero-padded windows, rotations by 90°, whole- and half-pixel shifts,
/// and the blend formulas of torchvision's colour adjustments.
/// </summary>
public class AugmentationTests
{
    /// <summary>Images whose value at (n, c, y, x) is 1 + n·1000 + c·100 + y·10 + x, so every pixel says where it is from.</summary>
    private static Tensor Labelled(int n, int c, int h, int w)
    {
        var values = new float[n * c * h * w];
        int k = 0;
        for (int i = 0; i < n; i++)
            for (int ch = 0; ch < c; ch++)
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++)
                        values[k++] = 1 + i * 1000 + ch * 100 + y * 10 + x;
        return Tensor.FromArray(values, n, c, h, w);
    }

    /// <summary>value[n, c, y, x] of a contiguous [N, C, H, W] array, 0 outside the image.</summary>
    private static float At(float[] v, int[] shape, int n, int c, int y, int x)
        => y < 0 || y >= shape[2] || x < 0 || x >= shape[3] ? 0 : v[((n * shape[1] + c) * shape[2] + y) * shape[3] + x];

    private static Tensor Expected(int[] shape, Func<int, int, int, int, float> value)
    {
        var result = new float[shape[0] * shape[1] * shape[2] * shape[3]];
        int k = 0;
        for (int n = 0; n < shape[0]; n++)
            for (int c = 0; c < shape[1]; c++)
                for (int y = 0; y < shape[2]; y++)
                    for (int x = 0; x < shape[3]; x++)
                        result[k++] = value(n, c, y, x);
        return Tensor.FromArray(result, shape);
    }

    // ---- RandomHorizontalFlip ----

    [Fact]
    public void FlipWithProbabilityOneMirrorsTheColumns()
    {
        var x = Labelled(2, 3, 4, 5);
        var v = x.ToArray<float>();
        var flipped = new RandomHorizontalFlip(p: 1).Apply(x);
        Assert.True(flipped.Eq(Expected(x.Shape, (n, c, y, col) => At(v, x.Shape, n, c, y, 4 - col))).All());
    }

    [Fact]
    public void FlippingTwiceIsTheIdentity()
    {
        var x = Images(4, 3, 6, 7);
        var flip = new RandomHorizontalFlip(p: 1);
        Assert.True(flip.Apply(flip.Apply(x)).Eq(x).All());
        Assert.True(new RandomHorizontalFlip(p: 0).Apply(x).Eq(x).All());
    }

    [Fact]
    public void EachImageIsFlippedWithProbabilityP()
    {
        var x = Images(400, 1, 3, 4);
        var mirrored = new RandomHorizontalFlip(p: 1).Apply(x);
        var y = new RandomHorizontalFlip(p: 0.25).Apply(x, new Generator(2));
        var same = y.Eq(x).Long().Sum([1, 2, 3]).Eq(12);
        var flipped = y.Eq(mirrored).Long().Sum([1, 2, 3]).Eq(12);
        // Every image is either untouched or mirrored (random values never equal their mirror).
        Assert.True(same.Long().Add(flipped.Long()).Eq(1).All());
        // Binomial(400, 0.25): mean 100, sd √75 ≈ 8.7; accept 4 sd either way.
        Assert.InRange(flipped.Long().Sum().Item<long>(), 65, 135);
        Assert.True(new RandomHorizontalFlip(0.25).Apply(x, new Generator(2)).Eq(y).All());
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomHorizontalFlip(1.5));
    }

    // ---- RandomCrop ----

    [Fact]
    public void CropShapeIsTheRequestedSize()
    {
        var x = Images(5, 3, 10, 12);
        Assert.Equal([5, 3, 8, 6], new RandomCrop(8, 6, padding: 0).Apply(x).Shape);
        Assert.Equal([5, 3, 12, 12], new RandomCrop(12, padding: 2).Apply(x).Shape);
    }

    [Fact]
    public void PaddingIsZerosAroundTheImage()
    {
        // Cropping the whole padded image (size H + 2p) leaves one position: the image framed by p zeros.
        var x = Labelled(2, 2, 3, 4);
        var v = x.ToArray<float>();
        var framed = new RandomCrop(3 + 4, 4 + 4, padding: 2).Apply(x);
        Assert.True(framed.Eq(Expected([2, 2, 7, 8], (n, c, y, col) => At(v, x.Shape, n, c, y - 2, col - 2))).All());
    }

    [Fact]
    public void EveryCropIsAWindowOfThePaddedImageAndTheWindowsVary()
    {
        const int p = 2;
        var x = Labelled(40, 1, 4, 4);
        var v = x.ToArray<float>();
        var crops = new RandomCrop(4, padding: p).Apply(x, new Generator(9)).ToArray<float>();
        var offsets = new HashSet<(int, int)>();
        for (int n = 0; n < 40; n++)
        {
            // Find the offset (dy, dx) ∈ [−p, p]² whose window matches the crop.
            var match = (from dy in Enumerable.Range(-p, 2 * p + 1)
                         from dx in Enumerable.Range(-p, 2 * p + 1)
                         where Enumerable.Range(0, 16).All(i => crops[n * 16 + i] == At(v, x.Shape, n, 0, i / 4 + dy, i % 4 + dx))
                         select (dy, dx)).ToList();
            Assert.Single(match);
            offsets.Add(match[0]);
        }
        Assert.True(offsets.Count >= 10, $"only {offsets.Count} distinct windows in 40 crops of 25 possible");
    }

    [Fact]
    public void CropIsDeterminedByTheSeedAndRejectsWindowsThatDoNotFit()
    {
        var x = Images(6, 3, 8, 8);
        var crop = new RandomCrop(8, padding: 3);
        Assert.True(crop.Apply(x, new Generator(1)).Eq(crop.Apply(x, new Generator(1))).All());
        Assert.False(crop.Apply(x, new Generator(1)).Eq(crop.Apply(x, new Generator(2))).All());
        var e = Assert.Throws<ArgumentException>(() => new RandomCrop(11, padding: 1).Apply(x));
        Assert.Contains("RandomCrop: a 11×11 crop does not fit in images of shape [6, 3, 8, 8] padded by 1 to 10×10", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomCrop(4, padding: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomCrop(0));
    }

    // ---- RandomAffine ----

    [Fact]
    public void AffineWithNoRotationShiftOrZoomIsTheIdentity()
    {
        var x = Images(3, 2, 5, 6);
        Assert.True(new RandomAffine(0).Apply(x, new Generator(1)).Eq(x).All());
    }

    [Fact]
    public void RotatingBy90DegreesTurnsTheImageClockwise()
    {
        // Clockwise on screen (y down): the left column becomes the top row, read bottom to top.
        var x = Labelled(2, 2, 5, 5);
        var v = x.ToArray<float>();
        var turned = RandomAffine.Warp(x, angle: 90, dx: 0, dy: 0, zoom: 1);
        Assert.True(turned.AllClose(Expected(x.Shape, (n, c, y, col) => At(v, x.Shape, n, c, 4 - col, y)), rtol: 0, atol: 1e-3));
        // Four quarter turns come back to the start.
        var full = x;
        for (int i = 0; i < 4; i++) full = RandomAffine.Warp(full, 90, 0, 0, 1);
        Assert.True(full.AllClose(x, rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void WholePixelShiftsMoveTheImageAndFillWithZeros()
    {
        var x = Labelled(1, 1, 4, 6);
        var v = x.ToArray<float>();
        var shifted = RandomAffine.Warp(x, angle: 0, dx: 2, dy: -1, zoom: 1);
        Assert.True(shifted.Eq(Expected(x.Shape, (n, c, y, col) => At(v, x.Shape, n, c, y + 1, col - 2))).All());
    }

    [Fact]
    public void SamplingBetweenPixelsIsBilinear()
    {
        var x = Labelled(1, 1, 3, 4);
        var v = x.ToArray<float>();
        // Half a pixel right: each value is the mean of the pixel and its left neighbour (0 beyond the edge).
        var half = RandomAffine.Warp(x, 0, dx: 0.5, dy: 0, zoom: 1);
        Assert.True(half.AllClose(Expected(x.Shape, (n, c, y, col) => 0.5f * (At(v, x.Shape, 0, 0, y, col - 1) + At(v, x.Shape, 0, 0, y, col))), atol: 1e-4));
        // Zoom 2 about the centre (1.5, 1) of a 4-wide, 3-high image: column x samples 1.5 + (x − 1.5)/2, so
        // column 0 reads 0.75 = ¼·column 0 + ¾·column 1; row y samples 1 + (y − 1)/2, so row 0 reads 0.5.
        var zoomed = RandomAffine.Warp(x, 0, 0, 0, zoom: 2).ToArray<float>();
        float Row(float y, int col) => y == 1 ? At(v, x.Shape, 0, 0, 1, col) : 0.5f * (At(v, x.Shape, 0, 0, 0, col) + At(v, x.Shape, 0, 0, 1, col));
        Assert.Equal(0.25f * Row(0, 0) + 0.75f * Row(0, 1), zoomed[0], 3);
        Assert.Equal(0.75f * Row(1, 2) + 0.25f * Row(1, 3), zoomed[1 * 4 + 3], 3); // row 1, column 3 samples x = 2.25
    }

    [Fact]
    public void AffineSamplingIsDifferentiableInTheImage()
    {
        // The warp is linear in the pixels (bilinear weights times gathered values), as in a spatial transformer.
        var x = Images(1, 2, 3, 3, seed: 3, dtype: DType.Float64).RequireGrad();
        GradCheck.Assert(inputs => RandomAffine.Warp(inputs[0], angle: 20, dx: 0.3, dy: -0.6, zoom: 1.2), x);
    }

    [Fact]
    public void RandomTranslationShiftsByWholePixelsWithinTheRange()
    {
        var x = Labelled(30, 1, 4, 8);
        var v = x.ToArray<float>();
        var y = new RandomAffine(0, translate: (0.25, 0)).Apply(x, new Generator(4)).ToArray<float>();
        var shifts = new HashSet<int>();
        for (int n = 0; n < 30; n++)
        {
            // Shifts are rounded draws from [−0.25·8, 0.25·8] = [−2, 2].
            var dx = Enumerable.Range(-2, 5).Single(d => Enumerable.Range(0, 32).All(i => y[n * 32 + i] == At(v, x.Shape, n, 0, i / 8, i % 8 - d)));
            shifts.Add(dx);
        }
        Assert.True(shifts.Count >= 4, $"shifts seen: {string.Join(", ", shifts)}");
    }

    [Fact]
    public void RandomAffineIsDeterminedByTheSeedAndKeepsTheDtype()
    {
        var affine = new RandomAffine(30, translate: (0.1, 0.1), scale: (0.9, 1.1));
        var x = Images(4, 3, 8, 8, dtype: DType.Float64);
        var a = affine.Apply(x, new Generator(3));
        Assert.Equal(DType.Float64, a.DType);
        Assert.Equal(x.Shape, a.Shape);
        Assert.True(a.Eq(affine.Apply(x, new Generator(3))).All());
        Assert.False(a.Eq(affine.Apply(x, new Generator(4))).All());
        Assert.Equal(DType.Float32, affine.Apply(Images(1, 1, 4, 4)).DType);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomAffine(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomAffine(0, translate: (1.5, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomAffine(0, scale: (1.2, 0.8)));
    }

    // ---- ColorJitter ----

    [Fact]
    public void BrightnessMultipliesEachImageByOneFactorInRange()
    {
        var x = Images(20, 3, 4, 4) * 0.4 + 0.1; // in [0.1, 0.5): f·x ≤ 0.75 never clamps
        var y = new ColorJitter(brightness: 0.5).Apply(x, new Generator(1));
        var ratio = y / x;
        var perImage = ratio.Mean([1, 2, 3], keepdim: true);
        Assert.True(ratio.AllClose(perImage.ExpandAs(ratio), atol: 1e-5)); // one factor per image
        Assert.True(perImage.Ge(0.5).All() && perImage.Le(1.5).All());
        Assert.True(perImage.Max().Item() - perImage.Min().Item() > 0.3); // and they differ
    }

    [Fact]
    public void ContrastBlendsWithTheMeanGreyLevel()
    {
        var x = Images(10, 3, 5, 5) * 0.5 + 0.25; // factors in [0.5, 1.5] keep values inside [0, 1]
        var y = new ColorJitter(contrast: 0.5).Apply(x, new Generator(2));
        var luma = Tensor.FromArray(new[] { 0.2989f, 0.587f, 0.114f }).View(1, 3, 1, 1);
        var m = (x * luma).Sum(1, keepdim: true).Mean([1, 2, 3], keepdim: true);
        // y − m = f·(x − m): the same factor at every value of an image.
        var f = ((y - m) / (x - m)).Mean([1, 2, 3], keepdim: true);
        Assert.True((y - m).AllClose(f * (x - m), atol: 1e-5));
        Assert.True(f.Ge(0.5 - 1e-6).All() && f.Le(1.5 + 1e-6).All());
    }

    [Fact]
    public void SaturationKeepsGreyPixelsAndGreyImages()
    {
        var grey = Images(4, 1, 3, 3).Expand(4, 3, 3, 3).Contiguous(); // R = G = B
        var jitter = new ColorJitter(saturation: 0.9);
        // Blending a grey pixel with its luma (0.9999·value, as the weights add to 0.9999) barely moves it.
        Assert.True(jitter.Apply(grey, new Generator(1)).AllClose(grey, atol: 2e-4));
        var single = Images(4, 1, 3, 3);
        Assert.True(jitter.Apply(single, new Generator(1)).Eq(single).All()); // one channel: its own grey
        var colour = Images(4, 3, 3, 3);
        Assert.False(jitter.Apply(colour, new Generator(1)).AllClose(colour, atol: 1e-3));
    }

    [Fact]
    public void ColorJitterClampsToTheUnitRangeAndIsSeeded()
    {
        var x = Images(8, 3, 4, 4);
        var jitter = new ColorJitter(brightness: 0.8, contrast: 0.8, saturation: 0.8);
        var a = jitter.Apply(x, new Generator(5));
        Assert.True(a.Ge(0).All() && a.Le(1).All());
        Assert.True(a.Eq(jitter.Apply(x, new Generator(5))).All());
        Assert.False(a.Eq(jitter.Apply(x, new Generator(6))).All());
        Assert.True(new ColorJitter().Apply(x).Eq(x).All());
        Assert.Contains("ColorJitter: expected images with 1 (grey) or 3 (RGB) channels, got shape [1, 2, 4, 4]",
            Assert.Throws<ArgumentException>(() => jitter.Apply(Images(1, 2, 4, 4))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColorJitter(brightness: -0.1));
    }
}
