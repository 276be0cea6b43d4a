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
    /// <summary>n images of [1, rows, cols] with pixel values 0, 37, 74, … and targets 0, 1, 2, …</summary>
    private static ByteImageDataset Dataset(int n, int rows, int cols)
        => new(Pixels(n, rows, cols), [1, rows, cols], Tensor.FromArray(Enumerable.Range(0, n).Select(i => (long)i).ToArray()));

    /// <summary>The expected float32 values of images <paramref name="indices"/>, from the bytes by hand.</summary>
    private static float[] Expected(int rows, int cols, int n, params int[] indices)
    {
        var pixels = Pixels(n, rows, cols);
        int perImage = rows * cols;
        return [.. indices.SelectMany(i => pixels.Skip(i * perImage).Take(perImage)).Select(b => b / 255f)];
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
    public void ImagesLongerThanOneConversionChunkAreConvertedWhole()
    {
        // 3 images of 101 × 163 = 49 389 pixels: the conversion goes in chunks of 16 384, so this crosses two chunk
        // boundaries and ends on a partial chunk.
        var data = Dataset(3, 101, 163);
        Assert.Equal(Expected(101, 163, 3, 0, 1, 2), data.Images().ToArray<float>());
        Assert.Equal(Expected(101, 163, 3, 2, 0), data.GetBatch([2, 0]).Input.ToArray<float>());
    }

    [Fact]
    public void ALoaderGivesTheSameBatchesAsOverFloatImages()
    {
        var bytes = Dataset(50, 4, 4);
        var floats = bytes.ToTensorDataset();
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
        File.WriteAllBytes(images, Gzip(ImagesFile(5, 28, 28)));
        File.WriteAllBytes(labels, LabelsFile(3, 1, 4, 1, 5));
        var bytes = IdxReader.ReadByteDataset(images, labels, classes: 10, imageSize: (28, 28));
        var floats = IdxReader.ReadDataset(images, labels, classes: 10, imageSize: (28, 28));
        Assert.Equal(floats.Inputs.ToArray<float>(), bytes.Images().ToArray<float>());
        Assert.Equal([3L, 1, 4, 1, 5], bytes.Targets.ToArray<long>());
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
