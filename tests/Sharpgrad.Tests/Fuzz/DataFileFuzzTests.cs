using System.Buffers.Binary;
using Sharpgrad.Data;
using Sharpgrad.Tests.Data;
using Sharpgrad.Tests.IO;

namespace Sharpgrad.Tests.Fuzz;

/// <summary>
/// Seeded damage to IDX files (magic, dims, labels, gzip) and CSV tables: each case loads the right values or raises
/// InvalidDataException naming the reader and the file.
/// </summary>
public class DataFileFuzzTests : TempDirectory
{
    private string WriteCase(string name, byte[] bytes)
    {
        var path = PathOf(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void IdxMagicAndDims()
    {
        var random = new Random(21);
        var valid = IdxReaderTests.ImagesFile(3, 4, 4);
        for (int i = 0; i < 80; i++)
        {
            var copy = (byte[])valid.Clone();
            int at = random.Next(0, 16); // magic and the three dims
            copy[at] = (byte)random.Next(256);
            bool gzip = i % 2 == 1;
            var path = WriteCase("images", gzip ? IdxReaderTests.Gzip(copy) : copy);
            FuzzOutcome.Expect<InvalidDataException, Tensor>($"idx byte {at}", () => IdxReader.ReadImages(path), images =>
            {
                // Loading is right only when the bytes still describe exactly the original images.
                Assert.Equal(copy, valid);
                Assert.Equal([3, 1, 4, 4], images.Shape);
            }, "IdxReader: images: ");
        }
    }

    [Fact]
    public void IdxLabels()
    {
        var random = new Random(22);
        for (int i = 0; i < 60; i++)
        {
            var labels = Enumerable.Range(0, 8).Select(_ => (byte)random.Next(0, i % 3 == 0 ? 256 : 11)).ToArray();
            var path = WriteCase("labels", IdxReaderTests.LabelsFile(labels));
            FuzzOutcome.Expect<InvalidDataException, Tensor>($"labels {string.Join(",", labels)}", () => IdxReader.ReadLabels(path, classes: 10), read =>
            {
                Assert.All(labels, l => Assert.True(l < 10));
                Assert.Equal(labels.Select(l => (long)l), read.ToArray<long>());
            }, "IdxReader: labels: ", "expected 0..9");
        }
    }

    [Fact]
    public void IdxGzipDamage()
    {
        var random = new Random(23);
        var plain = IdxReaderTests.ImagesFile(4, 8, 8);
        var gz = IdxReaderTests.Gzip(plain);
        for (int i = 0; i < 60; i++)
        {
            var copy = (byte[])gz.Clone();
            int at = random.Next(2, copy.Length);
            copy[at] ^= (byte)(1 << random.Next(8));
            var path = WriteCase("images.gz", copy);
            FuzzOutcome.Expect<InvalidDataException, Tensor>($"gzip flip at {at}", () => IdxReader.ReadImages(path), images =>
            {
                // Some gzip header bytes (mtime, OS, flags' reserved use) do not affect the data: then it must be exact.
                Assert.Equal(plain.Skip(16).Select(b => b / 255f), images.ToArray<float>());
            }, "IdxReader: images.gz: ");
        }
    }

    [Fact]
    public void CsvRows()
    {
        var random = new Random(24);
        string[] bad = ["x", "", "1e999", "NaN", "1,2", " ", "--1", "0x10", "Infinity"];
        for (int i = 0; i < 60; i++)
        {
            var rows = Enumerable.Range(0, 4).Select(r => new List<string> { $"{r}.5", $"{r * 2}", $"{r % 2}" }).ToList();
            int row = random.Next(rows.Count), column = random.Next(3);
            rows[row][column] = bad[random.Next(bad.Length)];
            string text = "4,2,a,b\n" + string.Join("\n", rows.Select(r => string.Join(",", r))) + "\n";
            FuzzOutcome.Expect<InvalidDataException, LabeledCsv.Table>($"csv {row},{column}", () => LabeledCsv.ParseWithHeader(new StringReader(text), "toy.csv"),
                _ => Assert.Fail($"malformed csv loaded: {text}"), "Datasets: toy.csv: ", $"line {row + 2}");
        }
        for (int i = 0; i < 20; i++)
        {
            int columns = random.Next(1, 6);
            if (columns == 3) columns = 4;
            string text = "1,2,a,b\n" + string.Join(",", Enumerable.Repeat("1", columns)) + "\n";
            FuzzOutcome.Expect<InvalidDataException, LabeledCsv.Table>($"csv {columns} columns", () => LabeledCsv.ParseWithHeader(new StringReader(text), "toy.csv"),
                _ => Assert.Fail("a row with the wrong column count loaded"), "Datasets: toy.csv: line 2: expected 3 comma-separated fields");
        }
    }
}
