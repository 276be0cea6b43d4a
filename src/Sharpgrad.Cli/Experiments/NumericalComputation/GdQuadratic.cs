using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// <see cref="GdQuadratic"/>'s numbers: the path of gradient descent at α = 1/3 from (−3, 2), and for each step size on
/// the sweep the measured contraction per step next to the closed form max |1 − αλᵢ|.
/// </summary>
public sealed record GdQuadraticResult(double[][] Path, double[] Alphas, double[] MeasuredRates, double[] ClosedFormRates);

/// <summary>
/// Gradient descent on the quadratic f(x) = ½(λ₁x₁² + λ₂x₂²) with λ = (1, 5), the classification chapter's Fig. 3.21
/// (CLS) and GBC §4.3's ill-conditioned bowl. The gradient is Λx, so one step is x ← (I − αΛ)x: each coordinate is
/// multiplied by 1 − αλᵢ, and after k steps xᵢ = (1 − αλᵢ)ᵏ xᵢ⁽⁰⁾. The iteration converges iff every |1 − αλᵢ| &lt; 1,
/// i.e. α &lt; 2/λ_max = 0.4, and the slowest coordinate sets the rate max |1 − αλᵢ|, smallest at α = 2/(λ₁ + λ₂) = 1/3
/// where both factors are ±2/3 = (κ − 1)/(κ + 1) with κ = 5 (GBC §4.3's condition number). At that α the steep
/// coordinate x₂ has factor −2/3: it changes sign every step, the zig-zag across the valley of the figure.
/// The steps are taken by the library (autograd for ∇f, <see cref="SGD"/> for the update), not by the formula.
/// </summary>
public static class GdQuadratic
{
    /// <summary>λ₁, λ₂: the Hessian's eigenvalues (it is diagonal).</summary>
    public static readonly double[] Curvatures = [1, 5];

    /// <summary>The starting point of CLS Fig. 3.21.</summary>
    public static readonly double[] Start = [-3, 2];

    /// <summary>The step size of the figure, also the best one: 2/(λ₁ + λ₂).</summary>
    public const double Alpha = 1.0 / 3;

    /// <summary>Steps on the path of the figure, and steps per step size on the sweep.</summary>
    public const int PathSteps = 12, SweepSteps = 20;

    /// <summary>Runs the path at <see cref="Alpha"/> and the sweep of α = 0.02, 0.04, …, 0.46 plus 1/3.</summary>
    public static GdQuadraticResult Run()
    {
        var alphas = Enumerable.Range(1, 23).Select(k => 0.02 * k).Append(Alpha).Order().ToArray();
        var measured = alphas.Select(a => MeasuredRate(Descend(a, SweepSteps))).ToArray();
        return new GdQuadraticResult(Descend(Alpha, PathSteps), alphas, measured, alphas.Select(ClosedFormRate).ToArray());
    }

    /// <summary>The closed-form contraction per step, max over i of |1 − αλᵢ|.</summary>
    public static double ClosedFormRate(double alpha) => Curvatures.Max(l => Math.Abs(1 - alpha * l));

    /// <summary>f at a point.</summary>
    public static double Value(double[] x) => 0.5 * (Curvatures[0] * x[0] * x[0] + Curvatures[1] * x[1] * x[1]);

    /// <summary>The points x⁽⁰⁾ … x⁽ˢᵗᵉᵖˢ⁾ of gradient descent with step <paramref name="alpha"/> from <see cref="Start"/>.</summary>
    public static double[][] Descend(double alpha, int steps)
    {
        var x = Tensor.From((double[])Start.Clone());
        x.RequiresGrad = true;
        var lambda = Tensor.From(Curvatures);
        var optimizer = new SGD([x], lr: alpha);
        var path = new double[steps + 1][];
        path[0] = x.ToArray<double>();
        for (int k = 1; k <= steps; k++)
        {
            var f = 0.5 * (lambda * x.Square()).Sum();
            optimizer.ZeroGrad();
            f.Backward();
            optimizer.Step();
            path[k] = x.ToArray<double>();
        }
        return path;
    }

    /// <summary>The measured contraction per step: max over coordinates of |xᵢ⁽ᴷ⁾ / xᵢ⁽⁰⁾|^(1/K).</summary>
    public static double MeasuredRate(double[][] path)
    {
        int steps = path.Length - 1;
        return Enumerable.Range(0, path[0].Length).Max(i => Math.Pow(Math.Abs(path[steps][i] / path[0][i]), 1.0 / steps));
    }
}
