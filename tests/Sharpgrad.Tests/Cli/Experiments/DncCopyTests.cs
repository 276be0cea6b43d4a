using Sharpgrad.Cli.Experiments;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>The dnc-copy experiment in a quick mode (a few steps): the replayed sequence's maps and the files it writes.</summary>
public sealed class DncCopyTests : IDisposable
{
    private readonly string outputDirectory = Path.Combine(Path.GetTempPath(), "sharpgrad-dnc-copy-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(outputDirectory)) Directory.Delete(outputDirectory, recursive: true);
    }

    [Fact]
    public void AQuickRunRecordsUsageAndWeightingsPerStepAndCellAndWritesItsFiles()
    {
        var result = DncCopy.Run(steps: 3);
        int time = 2 * DncCopy.Length + 1;
        Assert.Equal(3, result.Training.Losses.Length);
        Assert.Equal([time, DncCopy.Cells], new[] { result.Usage.GetLength(0), result.Usage.GetLength(1) });
        for (int t = 0; t < time; t++)
        {
            double written = Enumerable.Range(0, DncCopy.Cells).Sum(i => result.WriteWeights[t, i]);
            double read = Enumerable.Range(0, DncCopy.Cells).Sum(i => result.ReadWeights[t, i]);
            Assert.InRange(written, 0, 1 + 1e-5);
            Assert.InRange(read, 0, 1 + 1e-5);
            Assert.All(Enumerable.Range(0, DncCopy.Cells), i => Assert.InRange(result.Usage[t, i], 0, 1 + 1e-5));
        }
        // The link matrix's invariants (Graves et al. 2016, Methods): entries in [0, 1], a zero diagonal (a cell does not
        // follow itself), and each row and each column summing to at most 1.
        int n = DncCopy.Cells;
        Assert.Equal([n, n], new[] { result.Link.GetLength(0), result.Link.GetLength(1) });
        Assert.All(Enumerable.Range(0, n), i => Assert.Equal(0, result.Link[i, i]));
        Assert.All(Enumerable.Range(0, n), i => Assert.InRange(Enumerable.Range(0, n).Sum(j => result.Link[i, j]), 0, 1 + 1e-5));
        Assert.All(Enumerable.Range(0, n), j => Assert.InRange(Enumerable.Range(0, n).Sum(i => result.Link[i, j]), 0, 1 + 1e-5));
        Assert.True(Enumerable.Range(0, n * n).Sum(k => result.Link[k / n, k % n]) > 0, "the sequence's writes should link some cells");
        var files = DncCopyExperiment.Write(result, outputDirectory);
        Assert.Equal(6, files.Count);
        Assert.Equal(1 + n * n, File.ReadAllLines(Path.Combine(outputDirectory, DncCopyExperiment.LinkCsv)).Length);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length > 0));
        Assert.Equal(1 + time * DncCopy.Cells, File.ReadAllLines(Path.Combine(outputDirectory, DncCopyExperiment.MemoryCsv)).Length);
        Assert.Contains(ExperimentRegistry.All, e => e.Info.Id == "dnc-copy");
    }
}
