using Sharpgrad.NN;

namespace Sharpgrad.Tests.Pooling;

/// <summary>Review of rn18: a window of 400000 tap rows on the stride-2 path must not stackalloc its row list.</summary>
public class TallAdaptiveMaxPoolTests
{
    [Fact]
    public void AWindowOfFourHundredThousandRowsIsPooled()
    {
        // x[h, w] = 9h + w over [400000, 9]; adaptive output (1, 4) takes columns [0,3) [2,5) [4,7) [6,9) of every row,
        // so each maximum is in the last row at the window's last column: 9·399999 + {2, 4, 6, 8}.
        var x = Tensor.Arange(0, 400000 * 9, dtype: DType.Float32).Reshape(1, 1, 400000, 9);
        var (values, indices) = Functional.AdaptiveMaxPool2d(x, (1, 4));
        Assert.Equal([9f * 399999 + 2, 9f * 399999 + 4, 9f * 399999 + 6, 9f * 399999 + 8], values.ToArray<float>());
        Assert.Equal(9L * 399999 + 8, (long)indices.ToArray<long>()[3]);
    }
}
