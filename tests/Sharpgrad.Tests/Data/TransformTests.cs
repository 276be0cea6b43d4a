using Sharpgrad.Data;

namespace Sharpgrad.Tests.Data;

/// <summary>The transform framework: image/batch handling, Compose, TransformedDataset, ToFloat and GaussianNoise.</summary>
public class TransformTests
{
    /// <summary>n images [n, c, h, w] of uniform values in [0, 1), seeded.</summary>
    internal static Tensor Images(int n, int c, int h, int w, long seed = 0, DType dtype = DType.Float32)
        => Tensor.Rand([n, c, h, w], dtype, new Generator(seed));

    [Fact]
    public void AnImageIsTransformedAsABatchOfOne()
    {
        var image = Images(1, 3, 5, 6)[0];
        var alone = new RandomCrop(4, padding: 1).Apply(image, new Generator(3));
        var inBatch = new RandomCrop(4, padding: 1).Apply(image.Unsqueeze(0), new Generator(3));
        Assert.Equal([3, 4, 4], alone.Shape);
        Assert.True(alone.Eq(inBatch[0]).All());
    }

    [Fact]
    public void ImageTransformsRejectOtherRanksAndIntegerImages()
    {
        var flat = Assert.Throws<ArgumentException>(() => new RandomHorizontalFlip().Apply(Tensor.Zeros(4, 64)));
        Assert.Contains("RandomHorizontalFlip: expected an image [C, H, W] or a batch of images [N, C, H, W], got shape [4, 64]", flat.Message);
        var ints = Assert.Throws<ArgumentException>(() => new Normalize([0.5], [0.5]).Apply(Tensor.Zeros([1, 1, 2, 2], DType.Int64)));
        Assert.Contains("Normalize: expected float32 or float64 images, got int64", ints.Message);
        Assert.Contains("ToFloat", ints.Message);
        Assert.Throws<ArgumentNullException>(() => new GaussianNoise(1).Apply(null!));
    }

    [Fact]
    public void ComposeAppliesItsStepsInOrder()
    {
        var counts = Tensor.FromArray(new long[] { 0, 51, 255, 102 }, 1, 1, 2, 2);
        // ToFloat(1/255) then Normalize(0.5, 0.5) maps a count k to (k/255 − 0.5)/0.5 = 2k/255 − 1.
        var y = new Compose(new ToFloat(1 / 255.0), new Normalize([0.5], [0.5])).Apply(counts);
        Assert.Equal(DType.Float32, y.DType);
        Assert.Equal(new[] { -1.0, 2 * 51 / 255.0 - 1, 1.0, 2 * 102 / 255.0 - 1 }, y.ToDoubleArray(), (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal(2, new Compose(new ToFloat(), new GaussianNoise(0)).Steps.Count);
        Assert.Throws<ArgumentNullException>(() => new Compose(new ToFloat(), null!));
    }

    [Fact]
    public void ComposeDrawsFromOneGeneratorSoTheSeedFixesTheResult()
    {
        var augment = new Compose(new RandomCrop(6, padding: 2), new RandomHorizontalFlip(), new GaussianNoise(0.1));
        var x = Images(8, 2, 6, 6);
        var a = augment.Apply(x, new Generator(5));
        var b = augment.Apply(x, new Generator(5));
        var c = augment.Apply(x, new Generator(6));
        Assert.True(a.Eq(b).All());
        Assert.False(a.Eq(c).All());
    }

    [Fact]
    public void ToFloatConvertsAndScales()
    {
        var y = new ToFloat(0.5).Apply(Tensor.FromArray(new long[] { 2, 7 }));
        Assert.Equal(DType.Float32, y.DType);
        Assert.Equal([1.0f, 3.5f], y.ToArray<float>());
        Assert.Equal(DType.Float32, new ToFloat().Apply(Tensor.Zeros([2], DType.Float64)).DType);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ToFloat(double.NaN));
    }

    [Fact]
    public void GaussianNoiseHasMeanZeroAndTheGivenStd()
    {
        var x = Tensor.Full([100, 1, 20, 20], 0.5, DType.Float64); // 40000 values
        var noise = new GaussianNoise(0.2).Apply(x, new Generator(1)) - x;
        // Sample mean within 4 standard errors (0.2/√40000 = 0.001); sample std within 2%.
        Assert.InRange(noise.Mean().Item(), -0.004, 0.004);
        Assert.InRange(noise.Std().Item(), 0.196, 0.204);
        Assert.True(new GaussianNoise(0).Apply(x).Eq(x).All());
        Assert.Equal(DType.Float32, new GaussianNoise(1).Apply(Tensor.Zeros(3)).DType); // any shape, dtype kept
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise(-1));
        Assert.Contains("GaussianNoise: expected a float32 or float64 input, got int64",
            Assert.Throws<ArgumentException>(() => new GaussianNoise(1).Apply(Tensor.Zeros([2], DType.Int64))).Message);
    }

    [Fact]
    public void TransformedDatasetTransformsInputsAndKeepsTargets()
    {
        var inner = new TensorDataset(Images(6, 1, 4, 4), Tensor.Arange(6));
        var flipped = new TransformedDataset(inner, new RandomHorizontalFlip(p: 1));
        Assert.Equal(6, flipped.Count);
        var (x, y) = flipped.GetBatch([4, 1]);
        Assert.Equal([4L, 1], y.ToArray<long>());
        var mirror = Tensor.Arange(3, -1, -1);
        Assert.True(x.Eq(inner.GetBatch([4, 1]).Input.IndexSelect(3, mirror)).All());
        var (item, label) = flipped[2];
        Assert.Equal(2L, label.Item<long>());
        Assert.True(item.Eq(inner[2].Input.IndexSelect(2, mirror)).All());
        Assert.Throws<IndexOutOfRangeException>(() => flipped[6]);
        Assert.Throws<ArgumentNullException>(() => new TransformedDataset(inner, null!));
    }

    [Fact]
    public void TransformedDatasetDrawsFromItsSeededGeneratorInRequestOrder()
    {
        var inner = new TensorDataset(Images(10, 1, 4, 4), Tensor.Arange(10));
        var augment = new RandomCrop(4, padding: 2);
        var first = new TransformedDataset(inner, augment, seed: 7);
        var second = new TransformedDataset(inner, augment, seed: 7);
        int[] batch = [3, 8, 0];
        // The batch is the inner batch transformed with a generator seeded the same way.
        var expected = augment.Apply(inner.GetBatch(batch).Input, new Generator(7));
        Assert.True(first.GetBatch(batch).Input.Eq(expected).All());
        Assert.True(second.GetBatch(batch).Input.Eq(expected).All());
        // Asking again draws a new augmentation, the same in both datasets.
        var again = first.GetBatch(batch).Input;
        Assert.False(again.Eq(expected).All());
        Assert.True(again.Eq(second.GetBatch(batch).Input).All());
    }
}
