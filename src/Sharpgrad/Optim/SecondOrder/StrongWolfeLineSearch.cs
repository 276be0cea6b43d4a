using System.Runtime.CompilerServices;
namespace Sharpgrad.Optim;

/// <summary>
/// A line search along a descent direction d that returns a step t satisfying the strong Wolfe conditions
/// (Nocedal &amp; Wright Alg. 3.5 and 3.6; GBC §4.3 and §8.6.3 on line searches in second-order methods):
/// <code>
/// f(θ + t·d) ≤ f(θ) + c₁·t·∇fᵀd              sufficient decrease (Armijo)
/// |∇f(θ + t·d)ᵀd| ≤ c₂·|∇fᵀd|                  curvature: the slope has flattened enough
/// </code>
/// It first brackets an interval that contains such a step, growing t by cubic extrapolation, then zooms in with
/// safeguarded cubic interpolation. The code follows PyTorch's <c>_strong_wolfe</c> (from Torch7's lswolfe.lua)
/// statement by statement, so that L-BFGS takes PyTorch's steps; BFGS and nonlinear CG use it too. It never looks inside
/// a gradient (the caller supplies each point's slope ∇fᵀd), so the tensor optimisers and the host-side
/// <see cref="HostLbfgs"/> (plain arrays) share it.
/// </summary>
internal static class StrongWolfeLineSearch
{
    /// <summary>The accepted step t, the loss and gradient there, and how many times the objective was evaluated.</summary>
    public readonly record struct Result<TGradient>(double Loss, TGradient Gradient, double Step, int Evaluations);

    /// <param name="evaluate">Loss, flat gradient and slope ∇fᵀd at θ + t·d (θ itself is left unchanged).</param>
    /// <param name="t">The first trial step.</param>
    /// <param name="dNorm">max|dᵢ|, the largest entry of the search direction (for the bracket-size test).</param>
    /// <param name="f">The loss at θ.</param>
    /// <param name="g">The flat gradient at θ.</param>
    /// <param name="gtd">The slope ∇fᵀd at θ (negative for a descent direction).</param>
    /// <param name="c1">The sufficient-decrease constant (PyTorch: 1e-4).</param>
    /// <param name="c2">The curvature constant (PyTorch: 0.9, good for quasi-Newton; CG wants c₂ &lt; ½).</param>
    /// <param name="toleranceChange">Stop zooming when the bracket moves θ by less than this.</param>
    /// <param name="maxEvaluations">PyTorch's max_ls.</param>
    // AggressiveOptimization on the fits' host loops: why, and what it costs, in docs/cold-fit-jit.md.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Result<TGradient> Search<TGradient>(Func<double, (double Loss, TGradient Gradient, double Slope)> evaluate, double t,
        double dNorm, double f, TGradient g, double gtd, double c1, double c2, double toleranceChange, int maxEvaluations = 25)
    {
        var (fNew, gNew, gtdNew) = evaluate(t);
        int evaluations = 1;

        // Bracketing phase (N&W Alg. 3.5): grow t until [tPrev, t] must contain an acceptable step.
        double tPrev = 0, fPrev = f, gtdPrev = gtd;
        var gPrev = g;
        bool done = false;
        int iteration = 0;
        Bracket<TGradient>? bracket = null;
        while (iteration < maxEvaluations)
        {
            if (fNew > f + c1 * t * gtd || (iteration > 1 && fNew >= fPrev))
            {
                bracket = new Bracket<TGradient>((tPrev, fPrev, gPrev, gtdPrev), (t, fNew, gNew, gtdNew));
                break;
            }
            if (Math.Abs(gtdNew) <= -c2 * gtd)
            {
                bracket = new Bracket<TGradient>((t, fNew, gNew, gtdNew));
                done = true;
                break;
            }
            if (gtdNew >= 0)
            {
                bracket = new Bracket<TGradient>((tPrev, fPrev, gPrev, gtdPrev), (t, fNew, gNew, gtdNew));
                break;
            }

            // Extrapolate: the cubic's minimiser, but at least 1% further and at most 10 times as far.
            double minStep = t + 0.01 * (t - tPrev), maxStep = t * 10, previous = t;
            t = CubicInterpolation.Minimize(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, (minStep, maxStep));
            tPrev = previous;
            fPrev = fNew;
            gPrev = gNew;
            gtdPrev = gtdNew;
            (fNew, gNew, gtdNew) = evaluate(t);
            evaluations++;
            iteration++;
        }
        bracket ??= new Bracket<TGradient>((0, f, g, gtd), (t, fNew, gNew, gtdNew)); // ran out of evaluations while extrapolating

        // Zoom phase (N&W Alg. 3.6): shrink the bracket around a point that satisfies both conditions.
        bool insufficientProgress = false;
        int low = bracket.F[0] <= bracket.F[^1] ? 0 : 1, high = 1 - low;
        while (!done && iteration < maxEvaluations)
        {
            if (Math.Abs(bracket.T[1] - bracket.T[0]) * dNorm < toleranceChange) break; // the bracket is too small to matter

            t = CubicInterpolation.Minimize(bracket.T[0], bracket.F[0], bracket.Gtd[0], bracket.T[1], bracket.F[1], bracket.Gtd[1]);

            // Safeguard: a trial point too close to an end of the bracket makes little progress. The second time in a
            // row (or when it is at or beyond an end), move it to 10% of the bracket's width from the nearer end.
            double top = Math.Max(bracket.T[0], bracket.T[1]), bottom = Math.Min(bracket.T[0], bracket.T[1]);
            double margin = 0.1 * (top - bottom);
            if (Math.Min(top - t, t - bottom) < margin)
            {
                if (insufficientProgress || t >= top || t <= bottom)
                {
                    t = Math.Abs(t - top) < Math.Abs(t - bottom) ? top - margin : bottom + margin;
                    insufficientProgress = false;
                }
                else insufficientProgress = true;
            }
            else insufficientProgress = false;

            (fNew, gNew, gtdNew) = evaluate(t);
            evaluations++;
            iteration++;

            if (fNew > f + c1 * t * gtd || fNew >= bracket.F[low])
            {
                // Not enough decrease, or no lower than the best point: t becomes the high end.
                bracket.Set(high, t, fNew, gNew, gtdNew);
                (low, high) = bracket.F[0] <= bracket.F[1] ? (0, 1) : (1, 0);
            }
            else
            {
                if (Math.Abs(gtdNew) <= -c2 * gtd) done = true; // both Wolfe conditions hold
                else if (gtdNew * (bracket.T[high] - bracket.T[low]) >= 0) bracket.Set(high, bracket.T[low], bracket.F[low], bracket.G[low], bracket.Gtd[low]);
                bracket.Set(low, t, fNew, gNew, gtdNew); // t is the new best point
            }
        }

        return new Result<TGradient>(bracket.F[low], bracket.G[low], bracket.T[low], evaluations);
    }

    /// <summary>One or two points of the line with their loss, gradient and slope.</summary>
    private sealed class Bracket<TGradient>
    {
        public readonly double[] T, F, Gtd;
        public readonly TGradient[] G;

        // A loop, not four LINQ projections: each Select over this tuple type is another generic instantiation that a
        // cold L-BFGS fit compiles first (issue #21, cold21).
        public Bracket(params (double T, double F, TGradient G, double Gtd)[] points)
        {
            (T, F, G, Gtd) = (new double[points.Length], new double[points.Length], new TGradient[points.Length], new double[points.Length]);
            for (int i = 0; i < points.Length; i++) Set(i, points[i].T, points[i].F, points[i].G, points[i].Gtd);
        }

        public void Set(int i, double t, double f, TGradient g, double gtd)
        {
            T[i] = t;
            F[i] = f;
            G[i] = g;
            Gtd[i] = gtd;
        }
    }
}
