using Sharpgrad.RL;

namespace Sharpgrad.Tests.RL;

public class ReturnsTests
{
    [Fact]
    public void DiscountedReturnsMatchAHandComputedSequence()
    {
        // r = (1, 0, 2), γ = 0.5: G₂ = 2, G₁ = 0 + 0.5·2 = 1, G₀ = 1 + 0.5·1 = 1.5.
        Assert.Equal([1.5, 1.0, 2.0], Returns.Discounted([1.0, 0.0, 2.0], 0.5));
        // Buduma's γ = 0.98 on three rewards of 1: G₀ = 1 + 0.98 + 0.98² = 2.9404, G₁ = 1.98, G₂ = 1.
        var g = Returns.Discounted([1.0, 1.0, 1.0], 0.98);
        Assert.Equal(2.9404, g[0], 12);
        Assert.Equal(1.98, g[1], 12);
        Assert.Equal(1.0, g[2], 12);
        Assert.Empty(Returns.Discounted([], 0.9));
    }

    [Fact]
    public void NStepReturnsCutAtEpisodeEndsAndBootstrapOtherwise()
    {
        // Two copies, three steps, γ = 0.5. Copy 0 ends at step 1; copy 1 runs on and is closed by V = 8.
        double[][] rewards = [[1, 2], [3, 0], [4, 1]];
        bool[][] ended = [[false, false], [true, false], [false, false]];
        var g = Returns.NStep(rewards, ended, [10, 8], 0.5);
        // Copy 0: G₂ = 4 + 0.5·10 = 9; G₁ = 3 (ended, no bootstrap); G₀ = 1 + 0.5·3 = 2.5.
        // Copy 1: G₂ = 1 + 0.5·8 = 5; G₁ = 0 + 0.5·5 = 2.5; G₀ = 2 + 0.5·2.5 = 3.25.
        Assert.Equal([2.5, 3.25], g[0]);
        Assert.Equal([3.0, 2.5], g[1]);
        Assert.Equal([9.0, 5.0], g[2]);
    }

    [Fact]
    public void GammaOutsideTheUnitIntervalIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Returns.Discounted([1.0], 1.5));
        Assert.Contains("Returns.Discounted", e.Message);
        Assert.Contains("1.5", e.Message);
        Assert.Throws<ArgumentException>(() => Returns.NStep([[1.0]], [[false], [true]], [0.0], 0.9));
    }
}
