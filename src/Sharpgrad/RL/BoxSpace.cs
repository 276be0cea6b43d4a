namespace Sharpgrad.RL;

/// <summary>
/// A box of real vectors, <see cref="Low"/>[i] ≤ x[i] ≤ <see cref="High"/>[i] (gymnasium's Box, one-dimensional).
/// A bound may be infinite, as CartPole's velocities are.
/// </summary>
public sealed class BoxSpace : Space
{
    private readonly double[] low;
    private readonly double[] high;

    public BoxSpace(double[] low, double[] high)
    {
        if (low.Length != high.Length || low.Length == 0)
            throw new ArgumentException($"BoxSpace: low and high must be non-empty and of one length, got {low.Length} and {high.Length}.");
        for (int i = 0; i < low.Length; i++)
            if (!(low[i] <= high[i]))
                throw new ArgumentException($"BoxSpace: low[{i}] = {low[i]} must not exceed high[{i}] = {high[i]}.");
        this.low = (double[])low.Clone();
        this.high = (double[])high.Clone();
    }

    public IReadOnlyList<double> Low => low;
    public IReadOnlyList<double> High => high;
    public int Dimension => low.Length;

    public bool Contains(IReadOnlyList<double> x)
    {
        if (x.Count != Dimension) return false;
        for (int i = 0; i < x.Count; i++)
            if (!(x[i] >= low[i] && x[i] <= high[i])) return false;
        return true;
    }

    /// <summary>
    /// Uniform in each bounded coordinate. Unbounded coordinates are drawn from a standard normal, as gymnasium does
    /// (a uniform law on an infinite interval does not exist).
    /// </summary>
    public override object Sample(Generator generator)
    {
        var x = new double[Dimension];
        for (int i = 0; i < x.Length; i++)
            x[i] = double.IsFinite(low[i]) && double.IsFinite(high[i])
                ? low[i] + (high[i] - low[i]) * generator.NextDouble()
                : Math.Clamp(generator.NextNormal(), low[i], high[i]);
        return x;
    }

    public override string ToString() => $"Box([{string.Join(", ", low)}], [{string.Join(", ", high)}])";
}
