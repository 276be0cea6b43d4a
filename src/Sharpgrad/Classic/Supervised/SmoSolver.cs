namespace Sharpgrad.Classic;

/// <summary>
/// Sequential minimal optimisation for the soft-margin SVM dual (Platt 1998), with the second-order working-set
/// selection of Fan, Chen &amp; Lin (2005, "WSS 3") and LIBSVM's two-variable update:
/// <code>
/// min_α ½ αᵀQα − 1ᵀα   subject to 0 ≤ αₜ ≤ C, yᵀα = 0,   Q = (yyᵀ) ∘ K
/// </code>
/// Each iteration picks the pair that most violates the optimality (KKT) conditions — i maximises −yₜ∇ₜ over the
/// indices that may move up, j minimises −b²/a (the decrease of the objective with the pair's exact second-order
/// step) over those that may move down — solves the two-variable problem in closed form, clips it to the box, and
/// updates the gradient ∇ = Qα − 1 with two rows of Q. It stops when the maximal violation m − M is below the
/// tolerance (LIBSVM's stopping rule). The selections are tensor reductions over all n examples; only the two chosen
/// coordinates are handled as scalars.
/// </summary>
internal static class SmoSolver
{
    private const double Tau = 1e-12; // LIBSVM's TAU: stands in for a non-positive curvature a

    /// <summary>The dual coefficients α [n] and the bias b of f(x) = Σₜ αₜyₜk(xₜ, x) + b, and the iterations used.</summary>
    public static (Tensor Alpha, double Bias, int Iterations) Solve(Tensor gram, Tensor y, double c, double tolerance, int maxIter)
    {
        int n = y.Size(0);
        var labels = y.ToDoubleArray();
        var diagonal = Linalg.Diagonal(gram);
        var diag = diagonal.ToDoubleArray();
        var positive = y.Gt(0).Double();
        var negative = y.Lt(0).Double();
        var alpha = Tensor.Zeros([n], DType.Float64);
        var gradient = Tensor.Full([n], -1, DType.Float64);    // ∇ = Qα − 1 at α = 0
        int iteration = 0;
        for (; iteration < maxIter; iteration++)
        {
            var (up, low) = MovableSets(alpha, positive, negative, c);
            var violation = -y * gradient;                      // −yₜ∇ₜ
            var (mValue, iIndex) = Tensor.Where(up, violation, double.NegativeInfinity).Max(0);
            double m = mValue.Item();
            double bigM = Tensor.Where(low, violation, double.PositiveInfinity).Min().Item();
            if (m - bigM < tolerance) break;
            int i = (int)iIndex.Item();

            var kI = gram.Select(0, i);
            var b = m - violation;                              // b_it > 0 for the candidates
            var a = (diag[i] + diagonal - 2 * kI).Clamp(Tau, null);
            var candidates = low.Double() * b.Gt(0).Double();
            int j = (int)Tensor.Where(candidates.Gt(0), -(b.Square() / a), double.PositiveInfinity).ArgMin().Item();

            var kJ = gram.Select(0, j);
            double alphaI = alpha.Select(0, i).Item(), alphaJ = alpha.Select(0, j).Item();
            double gradI = gradient.Select(0, i).Item(), gradJ = gradient.Select(0, j).Item();
            var (newI, newJ) = UpdatePair(labels[i], labels[j], alphaI, alphaJ, gradI, gradJ,
                Math.Max(diag[i] + diag[j] - 2 * kI.Select(0, j).Item(), Tau), c);
            alpha.Narrow(0, i, 1).Fill(newI);
            alpha.Narrow(0, j, 1).Fill(newJ);
            // ∇ += Q_i Δαᵢ + Q_j Δαⱼ with Q_t = yₜ y ∘ K_t
            gradient = gradient + y * (kI * (labels[i] * (newI - alphaI)) + kJ * (labels[j] * (newJ - alphaJ)));
        }
        return (alpha, Bias(alpha, gradient, y, positive, negative, c), iteration);
    }

    // I_up: αₜ can grow along yₜ (y=+1, α<C or y=−1, α>0); I_low: it can shrink (y=+1, α>0 or y=−1, α<C).
    private static (Tensor Up, Tensor Low) MovableSets(Tensor alpha, Tensor positive, Tensor negative, double c)
    {
        var belowC = alpha.Lt(c).Double();
        var aboveZero = alpha.Gt(0).Double();
        return ((positive * belowC + negative * aboveZero).Gt(0), (positive * aboveZero + negative * belowC).Gt(0));
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
    private static double Bias(Tensor alpha, Tensor gradient, Tensor y, Tensor positive, Tensor negative, double c)
    {
        var violation = -y * gradient;
        var free = alpha.Gt(0).Double() * alpha.Lt(c).Double();
        double freeCount = free.Sum().Item();
        if (freeCount > 0) return (violation * free).Sum().Item() / freeCount;
        var (up, low) = MovableSets(alpha, positive, negative, c);
        double m = Tensor.Where(up, violation, double.NegativeInfinity).Max().Item();
        double bigM = Tensor.Where(low, violation, double.PositiveInfinity).Min().Item();
        return (m + bigM) / 2;
    }
}
