namespace Sharpgrad.Data;

/// <summary>
/// Reads the binary version of CIFAR-10 (Krizhevsky, "Learning Multiple Layers of Features from Tiny Images",
/// 2009; the files <c>data_batch_1.bin</c> … <c>data_batch_5.bin</c> and <c>test_batch.bin</c>). A file is a run
/// of 3073-byte records: one label byte 0..9, then the 32×32 image as three 1024-byte planes, red, green and
/// blue, each row-major. That is already channel-first, so a record's pixels become one [3, 32, 32] image as
/// they stand. Images come back as float32 [N, 3, 32, 32] scaled to [0, 1] (÷255, as torchvision's
/// <c>ToTensor</c>), labels as int64 [N]. A gzipped file (recognised by its 1f 8b header) is read too.
/// </summary>
public static class Cifar10Reader
{
    private const string Name = "Cifar10Reader";

    /// <summary>Image side length.</summary>
    public const int Side = 32;

    /// <summary>Bytes per record: the label byte and 3 planes of 32×32 pixels.</summary>
    public const int RecordLength = 1 + PixelsPerImage;

    private const int PixelsPerImage = 3 * Side * Side;
    private const int ClassCount = 10;

    /// <summary>The records of every file in <paramref name="batchFiles"/>, in order, as one dataset.</summary>
    public static TensorDataset ReadDataset(params string[] batchFiles)
    {
        ArgumentNullException.ThrowIfNull(batchFiles);
        if (batchFiles.Length == 0)
            throw new ArgumentException($"{Name}: expected at least one batch file.", nameof(batchFiles));
        var contents = batchFiles.Select(ReadRecords).ToArray();
        int total = contents.Sum(c => c.Length / RecordLength);

        // Decoded into host arrays, then copied once onto the device.
        var pixels = new float[(long)total * PixelsPerImage];
        var classes = new long[total];
        int n = 0;
        for (int f = 0; f < contents.Length; f++)
            for (int at = 0; at < contents[f].Length; at += RecordLength, n++)
            {
                byte label = contents[f][at];
                if (label >= ClassCount)
                    throw new InvalidDataException(
                        $"{Name}: {Path.GetFileName(batchFiles[f])}: record {at / RecordLength} has label {label} at byte {at}; expected a class 0..{ClassCount - 1}.");
                classes[n] = label;
                PixelBytes.ToUnitInterval(contents[f].AsSpan(at + 1, PixelsPerImage), pixels.AsSpan(n * PixelsPerImage, PixelsPerImage));
            }
        return new TensorDataset(Tensor.FromHost<float>(pixels, [total, 3, Side, Side]), Tensor.FromHost<long>(classes, [total]));
    }

    /// <summary>A file's bytes, checked to be a whole, non-zero number of records.</summary>
    private static byte[] ReadRecords(string path)
    {
        using var input = BinaryInput.Open(path, Name);
        var bytes = input.ReadToEnd();
        if (bytes.Length == 0)
            throw input.Error($"the file holds no records; expected a run of {RecordLength}-byte records (a label byte and 3×32×32 pixel bytes)");
        int whole = bytes.Length / RecordLength;
        if (bytes.Length % RecordLength != 0)
            throw input.Error(
                $"truncated at byte {bytes.Length} of {(long)(whole + 1) * RecordLength} (record {whole} is incomplete; each record is {RecordLength} bytes: a label byte and 3×32×32 pixel bytes{(input.Compressed ? "; offsets count decompressed bytes" : "")})");
        return bytes;
    }
}
