using Sharpgrad.Data;

namespace Sharpgrad.Tests.Data;

/// <summary>
/// PixelBytes.ToUnitInterval: the vectorised conversion gives, for every byte value, the bits of the scalar float32
/// quotient b / 255 (torchvision's ToTensor), in the vector body and in the scalar tail alike.
/// </summary>
public class PixelBytesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(256)]
    [InlineData(256 * 3 + 13)]   // several vector widths and an odd tail
    public void EveryByteValueBecomesItsFloat32QuotientBy255(int length)
    {
        // Byte k is (7k + 3) mod 256: every value 0..255 appears once in each run of 256, in a scrambled order.
        var pixels = new byte[length];
        for (int k = 0; k < length; k++) pixels[k] = (byte)((7 * k + 3) % 256);
        var values = new float[length + 2];
        values[^2] = values[^1] = -1f;   // past the end: must stay untouched

        PixelBytes.ToUnitInterval(pixels, values);

        for (int k = 0; k < length; k++)
            Assert.Equal(BitConverter.SingleToInt32Bits(pixels[k] / 255f), BitConverter.SingleToInt32Bits(values[k]));
        Assert.Equal(-1f, values[^2]);
        Assert.Equal(-1f, values[^1]);
    }

    [Fact]
    public void TheEndpointsAreExactlyZeroAndOne()
    {
        var values = new float[64];
        var pixels = new byte[64];
        pixels[5] = 255;
        pixels[40] = 255;
        PixelBytes.ToUnitInterval(pixels, values);
        Assert.Equal(1f, values[5]);
        Assert.Equal(1f, values[40]);
        Assert.Equal(0f, values[0]);
        Assert.Equal(0f, values[63]);
    }

    [Fact]
    public void TooFewFloatsIsAnErrorNamingBothLengths()
    {
        var error = Assert.Throws<ArgumentException>(() => PixelBytes.ToUnitInterval(new byte[10], new float[9]));
        Assert.Contains("ToUnitInterval", error.Message);
        Assert.Contains("10 pixels", error.Message);
        Assert.Contains("got 9", error.Message);
    }
}
