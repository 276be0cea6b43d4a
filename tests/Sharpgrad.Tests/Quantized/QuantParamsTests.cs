using Sharpgrad.Quantized;

namespace Sharpgrad.Tests.Quantized;

/// <summary>
/// The affine quantisation r = s·(q − z) (Jacob et al. 2018, eq. 1): observer ranges to (s, z) as PyTorch's
/// MinMaxObserver computes them, worked by hand, and the round trip's error bound |dequant(quant(x)) − x| ≤ s/2 inside
/// the range.
/// </summary>
public class QuantParamsTests
{
    [Fact]
    public void RangeGivesTheHandWorkedScaleAndZeroPoint()
    {
        // [−1, 3]: s = 4/255; z = 0 − round(−1/s) = round(63.75) = 64.
        var q = QuantParams.FromRange(-1, 3);
        Assert.Equal(4f / 255, q.Scale, 1e-7f);
        Assert.Equal(64, q.ZeroPoint);
        // A range above 0 is widened to contain 0, so the real 0 has a code: [0.5, 2] → [0, 2], s = 2/255, z = 0.
        Assert.Equal(new QuantParams(2f / 255, 0), QuantParams.FromRange(0.5f, 2));
        // Entirely negative: [−3, −1] → [−3, 0], z = 255.
        Assert.Equal(255, QuantParams.FromRange(-3, -1).ZeroPoint);
        // A constant 0 gets the smallest scale, float32's ε (torch.finfo(torch.float32).eps).
        Assert.Equal(1.1920929e-07f, QuantParams.FromRange(0, 0).Scale);
    }

    [Fact]
    public void RoundTripErrorIsAtMostHalfAScale()
    {
        var x = Tensor.Randn([4000], DType.Float32, new Generator(5)) * 3 + 1;
        var q = QuantParams.FromRange(x.Min().Item<float>(), x.Max().Item<float>());
        var back = QuantizedTensor.Quantize(x, q).Dequantize();
        double worst = (back - x).Abs().Max().Item<float>();
        // Half a step, plus float32 rounding of s·(q − z) and of x/s (a few ulps of |x| ≤ 13).
        Assert.True(worst <= q.Scale / 2 + 1e-5, $"round-trip error {worst} exceeds s/2 = {q.Scale / 2}");
        Assert.True(worst > q.Scale / 4, $"round-trip error {worst} is far below s/2 = {q.Scale / 2}: is the data being quantised at all?");
        // The real 0 is exact: it is the code z.
        Assert.Equal(0f, QuantizedTensor.Quantize(Tensor.Zeros(3), q).Dequantize().Abs().Max().Item<float>());
    }

    [Fact]
    public void ValuesOutsideTheRangeClampToTheEndCodes()
    {
        var q = QuantParams.FromRange(-1, 1);
        var back = QuantizedTensor.Quantize(Tensor.From([-5f, 5f]), q).Dequantize().ToArray<float>();
        Assert.Equal((0 - q.ZeroPoint) * q.Scale, back[0], 1e-6f);
        Assert.Equal((255 - q.ZeroPoint) * q.Scale, back[1], 1e-6f);
    }

    [Fact]
    public void WeightsAreQuantisedPerChannelSymmetrically()
    {
        // Row 0: s₀ = 1/127.5, codes round(0.5·127.5) = round(63.75) = 64, round(127.5) = 128 clamped to 127 (the
        // largest weight always lands on 127, whichever way float32 rounds the tie), round(−38.25) = −38.
        // Row 1: s₁ = 0.25/127.5, codes round(0.1/s₁) = 51, 127, round(−0.06/s₁) = round(−30.6) = −31.
        var w = new QuantizedWeight(Tensor.From(new float[,] { { 0.5f, 1f, -0.3f }, { 0.1f, 0.25f, -0.06f } }), null);
        Assert.Equal([1f / 127.5f, 0.25f / 127.5f], w.Scales);
        Assert.Equal([64, 127, -38, 51, 127, -31], w.Codes.Device.Backend.DownloadIntegers(w.Codes));
        Assert.Equal([64 + 127 - 38, 51 + 127 - 31], w.RowSums);
        var back = w.Dequantize(Device.Cpu).ToArray<float>();
        Assert.Equal(64 / 127.5f, back[0], 1e-6f);
        Assert.Equal(127 * 0.25f / 127.5f, back[4], 1e-6f);
    }
}
