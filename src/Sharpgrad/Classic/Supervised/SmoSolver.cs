using System.Runtime.CompilerServices;
namespace Sharpgrad.Classic;

/// <summary>
/// Sequential minimal optimisation for the soft-margin SVM dual (Platt 1998), with the second-order working-set
/// selection of Fan, Chen &amp; Lin (2005, "WSS 3", LIBSVM's) and LIBSVM's two-variable update:
/// <code>
/// min_α ½ αᵀQα − 1ᵀα   subject to 0 ≤ αₜ ≤ C, yᵀα = 0,   Q = (yyᵀ) ∘ K
/// </code>
/// Each iteration picks the pair that most violates the optimality (KKT) conditions — i maximises −yₜ∇ₜ over the
/// indices that may move up, j minimises −b²/a (the decrease of the objective with the pair's exact second-order
/// step) over those that may move down — solves the two-variable problem in closed form, clips it to the box, and
/// updates the gradient ∇ = Qα − 1 with the two rows Kᵢ, Kⱼ from the <see cref="KernelRowCache"/>. It stops when the
/// maximal violation m − M is below the tolerance (LIBSVM's stopping rule).
/// <para>
/// A host-side loop on plain arrays: an iteration is three O(n) passes, and as tensor expressions each pass cost more
/// in per-op overhead and allocation than in arithmetic (the profile of issue #21: SVC on the digits ran at 0.08× of
/// scikit-learn's speed). Sequential and tie-broken by the lowest index, so it is deterministic.
/// </para>
/// </summary>
internal static class SmoSolver
{
    private const double Tau = 1e-12; // LIBSVM's TAU: stands in for a non-positive curvature a

    /// <summary>The dual coefficients α [n] and the bias b of f(x) = Σₜ αₜyₜk(xₜ, x) + b, and the iterations used.</summary>
    // AggressiveOptimization on the fits' host loops: why, and what it costs, in docs/cold-fit-jit.md.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double[] Alpha, double Bias, int Iterations) Solve(KernelRowCache kernel, double[] y, double c, double tolerance, int maxIter)
    {
        int n = y.Length;
        var diag = kernel.Diagonal;
        var alpha = new double[n];
        var gradient = new double[n];
        Array.Fill(gradient, -1.0);                     // ∇ = Qα − 1 at α = 0
        int iteration = 0;
        var (i, m, bigM) = MaximalViolatingIndex(alpha, gradient, y, c);
        for (; iteration < maxIter; iteration++)
        {
            if (m - bigM < tolerance) break;
            var kI = kernel.Row(i);
            int j = SecondIndex(alpha, gradient, y, c, m, kI, diag, diag[i]);
            if (j < 0) break;                           // only with tolerance ≤ 0 at an exact optimum
            var kJ = kernel.Row(j);
            double oldI = alpha[i], oldJ = alpha[j];
            (alpha[i], alpha[j]) = UpdatePair(y[i], y[j], oldI, oldJ, gradient[i], gradient[j], Math.Max(diag[i] + diag[j] - 2 * kI[j], Tau), c);
            double stepI = y[i] * (alpha[i] - oldI), stepJ = y[j] * (alpha[j] - oldJ);
            (i, m, bigM) = UpdateGradient(alpha, gradient, y, c, kI, kJ, stepI, stepJ);
        }
        return (alpha, Bias(alpha, gradient, y, c), iteration);
    }

    // I_up: αₜ can grow along yₜ (y=+1, α<C or y=−1, α>0); I_low: it can shrink (y=+1, α>0 or y=−1, α<C).
    private static bool InUp(double alpha, double y, double c) => y > 0 ? alpha < c : alpha > 0;

    private static bool InLow(double alpha, double y, double c) => y > 0 ? alpha > 0 : alpha < c;

    // i = argmax_{I_up} −yₜ∇ₜ (the value m) and M = min_{I_low} −yₜ∇ₜ.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int I, double M, double BigM) MaximalViolatingIndex(double[] alpha, double[] gradient, double[] y, double c)
    {
        var violator = new Violator();
        for (int t = 0; t < y.Length; t++) violator.Consider(t, alpha[t], gradient[t], y[t], c);
        return (violator.I, violator.M, violator.BigM);
    }

    // ∇ += Q_i Δαᵢ + Q_j Δαⱼ with Q_t = yₜ y ∘ K_t, and the next iteration's maximal violating index from the same pass
    // over ∇ (issue #21: two of an iteration's three O(n) passes, fused; same order, so the same choice as two passes).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int I, double M, double BigM) UpdateGradient(double[] alpha, double[] gradient, double[] y, double c,
        ReadOnlySpan<double> kI, ReadOnlySpan<double> kJ, double stepI, double stepJ)
    {
        var violator = new Violator();
        for (int t = 0; t < y.Length; t++)
        {
            gradient[t] += y[t] * (kI[t] * stepI + kJ[t] * stepJ);
            violator.Consider(t, alpha[t], gradient[t], y[t], c);
        }
        return (violator.I, violator.M, violator.BigM);
    }

    // The running argmax over I_up and min over I_low of −yₜ∇ₜ, ties to the lowest index.
    private struct Violator()
    {
        public int I = -1;
        public double M = double.NegativeInfinity, BigM = double.PositiveInfinity;

        public void Consider(int t, double alpha, double gradient, double y, double c)
        {
            double violation = -y * gradient;
            if (InUp(alpha, y, c) && violation > M) (M, I) = (violation, t);
            if (InLow(alpha, y, c) && violation < BigM) BigM = violation;
        }
    }

    // j = argmin over t ∈ I_low with bₜ = m + yₜ∇ₜ > 0 of −bₜ²/aₜ, aₜ = Kᵢᵢ + Kₜₜ − 2Kᵢₜ (the curvature along the pair).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SecondIndex(double[] alpha, double[] gradient, double[] y, double c, double m, ReadOnlySpan<double> kI, double[] diag, double kII)
    {
        int j = -1;
        double best = double.PositiveInfinity;
        for (int t = 0; t < y.Length; t++)
        {
            if (!InLow(alpha[t], y[t], c)) continue;
            double b = m + y[t] * gradient[t];
            if (b <= 0) continue;
            double decrease = -(b * b) / Math.Max(kII + diag[t] - 2 * kI[t], Tau);
            if (decrease < best) (best, j) = (decrease, t);
        }
        return j;
    }

    // LIBSVM's analytic solution of the two-variable sub-problem, clipped to the box [0, C]² along yᵀα = const.
    private static (double AlphaI, double AlphaJ) UpdatePair(double yI, double yJ, double alphaI, double alphaJ, double gradI, double gradJ, double curvature, double c)
    {
        if (yI != yJ)
        {
            double delta = (-gradI - gradJ) / curvature, diff = alphaI - alphaJ;
            alphaI += delta;
            alphaJ += delta;
            if (diff > 0) { if (alphaJ < 0) { alphaJ = 0; alphaI = diff; } }
            else if (alphaI < 0) { alphaI = 0; alphaJ = -diff; }
            if (diff > 0) { if (alphaI > c) { alphaI = c; alphaJ = c - diff; } }
            else if (alphaJ > c) { alphaJ = c; alphaI = c + diff; }
        }
        else
        {
            double delta = (gradI - gradJ) / curvature, sum = alphaI + alphaJ;
            alphaI -= delta;
            alphaJ += delta;
            if (sum > c) { if (alphaI > c) { alphaI = c; alphaJ = sum - c; } }
            else if (alphaJ < 0) { alphaJ = 0; alphaI = sum; }
            if (sum > c) { if (alphaJ > c) { alphaJ = c; alphaI = sum - c; } }
            else if (alphaI < 0) { alphaI = 0; alphaJ = sum; }
        }
        return (alphaI, alphaJ);
    }

    // b = −yₜ∇ₜ for any free support vector (0 < αₜ < C), averaged over them for stability; with none free, the
    // midpoint of the interval the KKT conditions allow (LIBSVM's calculate_rho).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Bias(double[] alpha, double[] gradient, double[] y, double c)
    {
        double freeSum = 0;
        int freeCount = 0;
        for (int t = 0; t < y.Length; t++)
            if (alpha[t] > 0 && alpha[t] < c) { freeSum += -y[t] * gradient[t]; freeCount++; }
        if (freeCount > 0) return freeSum / freeCount;
        var (_, m, bigM) = MaximalViolatingIndex(alpha, gradient, y, c);
        return (m + bigM) / 2;
    }
}
