namespace Sharpgrad.Optim;

/// <summary>
/// The minimiser of the cubic that matches a function's values f₁, f₂ and slopes g₁, g₂ at two points x₁, x₂
/// (Nocedal &amp; Wright eq. 3.59), clamped to an interval. It is the trial-step rule of the strong-Wolfe line search;
/// the code is PyTorch's <c>_cubic_interpolate</c> (ported from Torch7's polyinterp.lua), so the steps match it exactly.
/// On a quadratic the interpolating cubic is the quadratic itself, so the result is its exact minimiser.
/// </summary>
internal static class CubicInterpolation
{
    /// <param name="bounds">The interval to clamp to; by default [min(x₁, x₂), max(x₁, x₂)].</param>
    public static double Minimize(double x1, double f1, double g1, double x2, double f2, double g2, (double Min, double Max)? bounds = null)
    {
        var (low, high) = bounds ?? (x1 <= x2 ? (x1, x2) : (x2, x1));
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square < 0) return (low + high) / 2; // the cubic has no local minimum: bisect
        double d2 = Math.Sqrt(d2Square);
        double minimum = x1 <= x2
            ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
            : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
        return Math.Min(Math.Max(minimum, low), high);
    }
}
