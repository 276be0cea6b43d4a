using Sharpgrad.Tests.Support;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.MathOps;

/// <summary>
/// The order statistics sort many rows in parallel; with values drawn from a few levels (many ties) and some NaNs, the
/// results and positions must be bitwise the same on one thread and on two, and equal to a plain sort of each row.
/// </summary>
public class OrderStatisticDeterminismTests
{
    private static Tensor TiedRows()
    {
        var levels = (Tensor.Rand([300, 41], DType.Float64, new Generator(5)) * 6).Floor();
        return Tensor.Where(Tensor.Rand([300, 41], DType.Float64, new Generator(6)).Lt(0.02), double.NaN, levels);
    }

    [Fact]
    public void MedianModeAndQuantileDoNotDependOnTheThreadCount()
    {
        var x = TiedRows();
        var (one, two) = ThreadCounts.OneAndTwo(() =>
            new[] { x.Median(1).Values, x.Median(1).Indices.Double(), x.Mode(1).Values, x.Mode(1).Indices.Double(), x.Quantile(0.3, 1) });
        for (int i = 0; i < one.Length; i++) BitwiseEqual(one[i], two[i]);
    }

    [Fact]
    public void MedianAgreesWithAPlainSortOfEachRow()
    {
        var x = TiedRows();
        var medians = x.Median(1).Values.ToDoubleArray();
        var data = x.ToDoubleArray();
        for (int r = 0; r < 300; r++)
        {
            var row = data.Skip(r * 41).Take(41).ToArray();
            double expected = row.Any(double.IsNaN) ? double.NaN : row.Order().ElementAt(20);
            Assert.Equal(expected, medians[r]);
        }
    }
}
