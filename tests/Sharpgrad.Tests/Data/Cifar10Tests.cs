using Sharpgrad.Data;
using Sharpgrad.Tests.IO;

namespace Sharpgrad.Tests.Data;

/// <summary>
/// CIFAR-10 binary batches written by the tests from the format's description on the data set's page
/// ("the first byte is the label of the first image, a number in the range 0-9. The next 3072 bytes are the values
/// of the pixels of the image. The first 1024 bytes are the red channel values, the next 1024 the green, and the
/// final 1024 the blue. The values are stored in row-major order").
/// </summary>
public class Cifar10Tests : TempDirectory
{
    private const int Record = 3073;

    /// <summary>The pixel byte of record r at channel c, row y, column x: a pattern that differs in every coordinate.</summary>
    private static byte Pixel(int r, int c, int y, int x) => (byte)((r * 7 + c * 31 + y * 3 + x) % 256);

    private static byte[] Records(int first, params byte[] labels)
    {
        var bytes = new byte[labels.Length * Record];
        for (int i = 0; i < labels.Length; i++)
        {
            bytes[i * Record] = labels[i];
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < 32; y++)
                    for (int x = 0; x < 32; x++)
                        bytes[i * Record + 1 + c * 1024 + y * 32 + x] = Pixel(first + i, c, y, x);
        }
        return bytes;
    }

    [Fact]
    public void ThreeRecordsBecomeNchwImagesInZeroToOneAndInt64Labels()
    {
        File.WriteAllBytes(PathOf("test_batch.bin"), Records(0, 3, 0, 9));
        var test = Datasets.Cifar10(Dir, train: false);
        Assert.Equal([3, 3, 32, 32], test.Inputs.Shape);
        Assert.Equal(DType.Float32, test.Inputs.DType);
        Assert.Equal([3L, 0, 9], test.Targets.ToArray<long>());
        var pixels = test.Inputs.ToArray<float>();
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                foreach (var (y, x) in new[] { (0, 0), (0, 31), (17, 5), (31, 31) })
                    Assert.Equal(Pixel(r, c, y, x) / 255f, pixels[((r * 3 + c) * 32 + y) * 32 + x]);
        Assert.Equal("cat", Datasets.Cifar10Classes[3]);
    }

    [Fact]
    public void TheTrainingSetConcatenatesTheFiveBatchesInOrder()
    {
        int next = 0;
        for (int b = 1; b <= 5; b++)
        {
            int count = b == 2 ? 2 : 1;
            File.WriteAllBytes(PathOf($"data_batch_{b}.bin"), Records(next, [.. Enumerable.Range(next, count).Select(i => (byte)i)]));
            next += count;
        }
        var train = Datasets.Cifar10(Dir);
        Assert.Equal(6, train.Count);
        Assert.Equal([0L, 1, 2, 3, 4, 5], train.Targets.ToArray<long>());
        Assert.Equal(Pixel(5, 2, 1, 1) / 255f, train.Inputs[5, 2, 1, 1].Item<float>());
    }

    [Fact]
    public void AGzippedBatchIsReadToo()
    {
        File.WriteAllBytes(PathOf("test_batch.bin"), IdxReaderTests.Gzip(Records(0, 4)));
        Assert.Equal([4L], Datasets.Cifar10(Dir, train: false).Targets.ToArray<long>());
    }

    [Fact]
    public void ATruncatedRecordIsReportedWithItsByteOffset()
    {
        File.WriteAllBytes(PathOf("test_batch.bin"), Records(0, 1, 2, 3)[..(2 * Record + 100)]);
        var e = Assert.Throws<InvalidDataException>(() => Datasets.Cifar10(Dir, train: false));
        Assert.Contains($"Cifar10Reader: test_batch.bin: truncated at byte {2 * Record + 100} of {3 * Record} (record 2 is incomplete", e.Message);
    }

    [Fact]
    public void LabelsOutsideTheTenClassesAndEmptyFilesAreRejected()
    {
        File.WriteAllBytes(PathOf("test_batch.bin"), Records(0, 1, 10));
        var e = Assert.Throws<InvalidDataException>(() => Datasets.Cifar10(Dir, train: false));
        Assert.Contains($"Cifar10Reader: test_batch.bin: record 1 has label 10 at byte {Record}; expected a class 0..9", e.Message);
        File.WriteAllBytes(PathOf("test_batch.bin"), []);
        Assert.Contains("holds no records", Assert.Throws<InvalidDataException>(() => Datasets.Cifar10(Dir, train: false)).Message);
    }

    [Fact]
    public void MissingFilesSayWhereToGetTheBinaryVersion()
    {
        File.WriteAllBytes(PathOf("test_batch.bin"), Records(0, 1));
        var e = Assert.Throws<FileNotFoundException>(() => Datasets.Cifar10(Dir));
        Assert.Contains("Datasets.Cifar10", e.Message);
        Assert.Contains("data_batch_1.bin", e.Message);
        Assert.Contains("cifar-10-binary.tar.gz", e.Message);
        Assert.Throws<DirectoryNotFoundException>(() => Datasets.Cifar10(PathOf("nowhere")));
    }
}
