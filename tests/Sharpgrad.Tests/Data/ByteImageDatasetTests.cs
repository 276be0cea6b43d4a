using Sharpgrad.Data;
using Sharpgrad.Tests.IO;
using static Sharpgrad.Tests.Data.IdxReaderTests;

namespace Sharpgrad.Tests.Data;

/// <summary>
/// ByteImageDataset: images kept as bytes give the batches of float32 images, bit for bit (each value the float32
/// quotient b / 255 of its byte, torchvision's ToTensor), and loading needs no float copy of the whole set.
/// </summary>
public class ByteImageDatasetTests : TempDirectory
{
    /// <summary>
    /// Seeded random bytes for n images of rows×cols, the same on every call. Not periodic, unlike IdxReaderTests.Pixels
    /// (whose images k and k + 16 coincide), so a wrong image index or chunk offset changes the values.
    /// </summary>
    private static byte[] RandomPixels(int n, int rows, int cols)
    {
        var pixels = new byte[n * rows * cols];
        new Random(n * 1_000_003 + rows * 1009 + cols).NextBytes(pixels);
        return pixels;
    }

    private static Tensor Targets(int n) => Tensor.FromArray(Enumerable.Range(0, n).Select(i => (long)i).ToArray());

    /// <summary>n images of [1, rows, cols] with <see cref="RandomPixels"/> and targets 0, 1, 2, …</summary>
    private static ByteImageDataset Dataset(int n, int rows, int cols) => new(RandomPixels(n, rows, cols), [1, rows, cols], Targets(n));

    /// <summary>float32 b / 255 of each byte, by hand (torchvision's ToTensor).</summary>
    private static float[] UnitInterval(IEnumerable<byte> pixels) => [.. pixels.Select(b => b / 255f)];

    /// <summary>The expected float32 values of images <paramref name="indices"/>, from the bytes by hand.</summary>
    private static float[] Expected(int rows, int cols, int n, params int[] indices)
    {
        var pixels = RandomPixels(n, rows, cols);
        int perImage = rows * cols;
        return UnitInterval(indices.SelectMany(i => pixels.Skip(i * perImage).Take(perImage)));
    }

    [Fact]
    public void ABatchHoldsTheChosenImagesScaledToTheUnitIntervalAndTheirTargets()
    {
        var data = Dataset(6, 3, 5);
        var (x, y) = data.GetBatch([4, 0, 5]);
        Assert.Equal([3, 1, 3, 5], x.Shape);
        Assert.Equal(DType.Float32, x.DType);
        Assert.Equal(Expected(3, 5, 6, 4, 0, 5), x.ToArray<float>());
        Assert.Equal([4L, 0, 5], y.ToArray<long>());
    }

    [Fact]
    public void AnItemIsOneImageOfTheImageShape()
    {
        var data = Dataset(4, 2, 3);
        var (x, y) = data[2];
        Assert.Equal([1, 2, 3], x.Shape);
        Assert.Equal(Expected(2, 3, 4, 2), x.ToArray<float>());
        Assert.Equal(2L, y.Item<long>());
        Assert.Equal([1, 2, 3], data.ImageShape);
    }

    [Fact]
    public void TheImageShapeCannotBeChangedThroughTheProperty()
    {
        var data = Dataset(2, 2, 3);
        var shape = Assert.IsAssignableFrom<IList<int>>(data.ImageShape);
        Assert.Throws<NotSupportedException>(() => shape[1] = 6);
        Assert.Equal([1, 2, 3], data.ImageShape);
        Assert.Equal([1, 2, 3], data[0].Input.Shape);
    }

    [Fact]
    public void ImagesLongerThanOneConversionChunkAreConvertedWhole()
    {
        // 3 images of 101 × 163 = 49 389 pixels: the conversion goes in chunks of 16 384, so this crosses two chunk
        // boundaries and ends on a partial chunk.
        var data = Dataset(3, 101, 163);
        Assert.Equal(Expected(101, 163, 3, 0, 1, 2), data.Images().ToArray<float>());
        Assert.Equal(Expected(101, 163, 3, 2, 0), data.GetBatch([2, 0]).Input.ToArray<float>());
        Assert.Equal(Expected(101, 163, 3, 1), data[1].Input.ToArray<float>());
    }

    [Fact]
    public void ALoaderGivesTheSameBatchesAsOverFloatImages()
    {
        var pixels = RandomPixels(50, 4, 4);
        var bytes = new ByteImageDataset(pixels, [1, 4, 4], Targets(50));
        var floats = new TensorDataset(Tensor.FromArray(UnitInterval(pixels), 50, 1, 4, 4), Targets(50));
        var a = new DataLoader(bytes, 8, shuffle: true, seed: 3).ToList();
        var b = new DataLoader(floats, 8, shuffle: true, seed: 3).ToList();
        Assert.Equal(7, a.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(b[i].Input.Shape, a[i].Input.Shape);
            Assert.Equal(b[i].Input.ToArray<float>(), a[i].Input.ToArray<float>());
            Assert.Equal(b[i].Target.ToArray<long>(), a[i].Target.ToArray<long>());
        }
    }

    [Fact]
    public void ReadingTheFilesAsBytesMatchesReadingThemAsFloats()
    {
        string images = PathOf("images"), labels = PathOf("labels");
        var pixels = RandomPixels(5, 28, 28);
        File.WriteAllBytes(images, Gzip(Idx(0x00000803, [5, 28, 28], pixels)));
        File.WriteAllBytes(labels, LabelsFile(3, 1, 4, 1, 5));
        var bytes = IdxReader.ReadByteDataset(images, labels, classes: 10, imageSize: (28, 28));
        var floats = IdxReader.ReadDataset(images, labels, classes: 10, imageSize: (28, 28));
        var expected = UnitInterval(pixels);
        foreach (var x in new[] { bytes.Images(), floats.Inputs })
        {
            Assert.Equal([5, 1, 28, 28], x.Shape);
            Assert.Equal(expected, x.ToArray<float>());
        }
        Assert.Equal([3L, 1, 4, 1, 5], bytes.Targets.ToArray<long>());
        Assert.Equal([3L, 1, 4, 1, 5], floats.Targets.ToArray<long>());
    }

    [Fact]
    public void AnIdxFileWithAZeroDimLoadsAsEmptyImages()
    {
        // [3, 0, 28]: three images of no pixels, which loaded before the byte dataset and must still load.
        string images = PathOf("images"), labels = PathOf("labels");
        File.WriteAllBytes(images, Idx(0x00000803, [3, 0, 28], []));
        File.WriteAllBytes(labels, LabelsFile(2, 0, 1));
        var bytes = IdxReader.ReadByteDataset(images, labels, classes: 10);
        Assert.Equal(3, bytes.Count);
        Assert.Equal([1, 0, 28], bytes.ImageShape);
        Assert.Equal([1, 0, 28], bytes[1].Input.Shape);
        Assert.Equal([2, 1, 0, 28], bytes.GetBatch([2, 0]).Input.Shape);
        Assert.Equal([2L, 0], bytes.GetBatch([0, 1]).Target.ToArray<long>());
        var floats = IdxReader.ReadDataset(images, labels, classes: 10);
        Assert.Equal([3, 1, 0, 28], floats.Inputs.Shape);
        Assert.Equal([2L, 0, 1], floats.Targets.ToArray<long>());
    }

    [Fact]
    public void ReadingImagesAllocatesNoFloatCopyOfTheWholeSet()
    {
        // 2000 images of 28 × 28: 1.6 MB of bytes and 6.3 MB as float32. A host float array converted first and
        // then copied into the tensor would allocate the 6.3 MB twice.
        const int n = 2000;
        string images = PathOf("images");
        File.WriteAllBytes(images, ImagesFile(n, 28, 28));
        IdxReader.ReadImages(images); // warm-up: JIT and reader buffers
        long pixels = n * 28 * 28, floats = 4 * pixels;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var x = IdxReader.ReadImages(images);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(n, x.Size(0));
        Assert.True(allocated < pixels + floats + floats / 4,
            $"reading {pixels} pixels allocated {allocated} bytes; expected the bytes and one float32 tensor ({pixels + floats}) plus small buffers");
    }

    [Fact]
    public void PixelsThatDoNotMakeOneImagePerTargetAreRejected()
    {
        var targets = Tensor.FromArray(new long[] { 0, 1, 2 });
        var e = Assert.Throws<ArgumentException>(() => new ByteImageDataset(new byte[2 * 4 * 4], [1, 4, 4], targets));
        Assert.Contains("ByteImageDataset", e.Message);
        Assert.Contains("32 pixels", e.Message);
        Assert.Contains("3 images of [1, 4, 4]", e.Message);
        Assert.Contains("expected 48", e.Message);
        var shape = Assert.Throws<ArgumentException>(() => new ByteImageDataset(new byte[48], [3, 16], targets));
        Assert.Contains("[C, H, W]", shape.Message);
        Assert.Contains("[3, 16]", shape.Message);
        var negative = Assert.Throws<ArgumentException>(() => new ByteImageDataset([], [1, -1, 4], targets));
        Assert.Contains("sizes ≥ 0", negative.Message);
        Assert.Contains("[1, -1, 4]", negative.Message);
    }

    [Fact]
    public void OutOfRangeAndEmptyBatchesAreRejected()
    {
        var data = Dataset(3, 2, 2);
        var range = Assert.Throws<IndexOutOfRangeException>(() => data.GetBatch([0, 3]));
        Assert.Contains("index 3", range.Message);
        Assert.Contains("3 samples", range.Message);
        var empty = Assert.Throws<ArgumentException>(() => data.GetBatch([]));
        Assert.Contains("at least one index", empty.Message);
    }
}
