using Sharpgrad.Data;

namespace Sharpgrad.Tests.Data;

/// <summary>The CSV reader behind <see cref="Datasets"/>: good tables parse; each malformed one names the file and line.</summary>
public class LabeledCsvTests
{
    private static LabeledCsv.Table WithHeader(string text) => LabeledCsv.ParseWithHeader(new StringReader(text), "toy.csv");

    [Fact]
    public void ParsesFeaturesAndLabelsAfterTheHeader()
    {
        var table = WithHeader("3,2,a,b\n1.5,2,0\n-3,4e1,1\n5,6,1\n");
        Assert.Equal(3, table.Rows);
        Assert.Equal(2, table.FeatureCount);
        Assert.Equal(["a", "b"], table.ClassNames);
        Assert.Equal([1.5f, 2, -3, 40, 5, 6], table.Features);
        Assert.Equal([0L, 1, 1], table.Labels);
    }

    [Fact]
    public void ParsesHeaderlessRows()
    {
        var table = LabeledCsv.ParseHeaderless(new StringReader("0,16,3\n8,1,0\n"), "pix.csv", featureCount: 2, classCount: 4);
        Assert.Equal([0f, 16, 8, 1], table.Features);
        Assert.Equal([3L, 0], table.Labels);
    }

    [Theory]
    [InlineData("2,2,a,b\n1,2,0\n1,2\n", "line 3", "expected 3 comma-separated fields")]
    [InlineData("2,2,a,b\n1,2,0\n1,x,1\n", "line 3", "column 2 'x' is not a finite number")]
    [InlineData("2,2,a,b\n1,2,0\n1,NaN,1\n", "line 3", "not a finite number")]
    [InlineData("2,2,a,b\n1,2,2\n1,2,1\n", "line 2", "label '2' is not a class index in 0..1")]
    [InlineData("2,2,a,b\n1,2,0.5\n", "line 2", "label '0.5'")]
    [InlineData("two,2,a,b\n1,2,0\n", "line 1", "expected a header")]
    [InlineData("", "line 1", "expected a header")]
    public void MalformedRowsNameTheFileAndLine(string text, string line, string problem)
    {
        var e = Assert.Throws<InvalidDataException>(() => WithHeader(text));
        Assert.StartsWith("Datasets: toy.csv: ", e.Message);
        Assert.Contains(line, e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void RowCountMustMatchTheHeader()
    {
        var e = Assert.Throws<InvalidDataException>(() => WithHeader("3,2,a,b\n1,2,0\n3,4,1\n"));
        Assert.Contains("toy.csv", e.Message);
        Assert.Contains("declares 3 samples but the file has 2", e.Message);
    }
}
