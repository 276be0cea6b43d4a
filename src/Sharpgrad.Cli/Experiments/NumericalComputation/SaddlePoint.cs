namespace Sharpgrad.Cli.Experiments;

/// <summary>One start near the saddle: the gradient-descent path and the Newton path, each as points (x₁, x₂).</summary>
public sealed record SaddleRun(double[] Start, double[][] GradientDescent, double[][] Newton);

/// <summary>
/// Gradient descent and Newton's method near the saddle point of f(x) = x₁² − x₂² (GBC §4.3, Fig. 4.5; §8.2.3).
/// ∇f = (2x₁, −2x₂) and H = diag(2, −2), so:
/// <list type="bullet">
/// <item>gradient descent, x ← x − α∇f, multiplies x₁ by 1 − 2α and x₂ by 1 + 2α: the positive-curvature coordinate
/// shrinks, the negative-curvature one grows, and the path leaves the saddle downhill along x₂ (f → −∞);</item>
/// <item>Newton's method, x ← x − H⁻¹∇f (GBC eq. 4.12), jumps to the critical point of the local quadratic model, which
/// for a quadratic is the function's own: from any start it lands on the saddle (0, 0) in one step. Newton is
/// attracted to saddle points, which is why GBC §8.2.3 says it does not suit high-dimensional non-convex nets.</item>
/// </list>
/// ∇f comes from autograd and H from differentiating ∇f again (double backward); the Newton system is solved by
/// <see cref="Linalg.Solve"/>. The library's <see cref="Sharpgrad.Optim.DampedNewton"/> refuses this Hessian (its
/// Cholesky solve needs H + αI positive definite), which is the guard against exactly this failure; the plain
/// Newton step is written out here to show it.
/// </summary>
public static class SaddlePoint
{
    /// <summary>The gradient-descent step size: x₂ grows by 1.2 per step, x₁ shrinks by 0.8; after 30 steps |x₂| has grown 237-fold.</summary>
    public const double Alpha = 0.1;

    /// <summary>Steps taken by each method from each start.</summary>
    public const int Steps = 30;

    /// <summary>
    /// <paramref name="starts"/> random starts near the saddle: x₁ = ±U(0.5, 1), x₂ = ±U(0.01, 0.1), drawn from
    /// <paramref name="seed"/>, so each lies almost on the positive-curvature axis.
    /// </summary>
    public static IReadOnlyList<SaddleRun> Run(int starts, int seed)
    {
        var generator = new Generator(seed);
        double Draw(double low, double high) => (generator.NextDouble() < 0.5 ? -1 : 1) * (low + (high - low) * generator.NextDouble());
        var runs = new List<SaddleRun>(starts);
        for (int s = 0; s < starts; s++)
        {
            double[] start = [Draw(0.5, 1), Draw(0.01, 0.1)];
            runs.Add(new SaddleRun(start, Iterate(start, GradientDescentStep), Iterate(start, NewtonStep)));
        }
        return runs;
    }

    /// <summary>f(x) = x₁² − x₂².</summary>
    public static double Value(double[] x) => x[0] * x[0] - x[1] * x[1];

    private static Tensor F(Tensor x) => x[0].Square() - x[1].Square();

    private static double[][] Iterate(double[] start, Func<Tensor, Tensor> step)
    {
        var path = new double[Steps + 1][];
        path[0] = start;
        for (int k = 1; k <= Steps; k++)
        {
            var x = Tensor.From(path[k - 1]);
            x.RequiresGrad = true;
            path[k] = step(x).ToArray<double>();
        }
        return path;
    }

    private static Tensor GradientDescentStep(Tensor x)
    {
        var gradient = Autograd.Grad([F(x)], [x])[0];
        return x.Detach() - Alpha * gradient;
    }

    /// <summary>x − H⁻¹∇f, with H built row by row: row i is ∇(∂f/∂xᵢ).</summary>
    private static Tensor NewtonStep(Tensor x)
    {
        var gradient = Autograd.Grad([F(x)], [x], createGraph: true)[0];
        var hessian = Tensor.Stack([.. Enumerable.Range(0, 2).Select(i => Autograd.Grad([gradient[i]], [x], retainGraph: true)[0])]);
        return x.Detach() - Linalg.Solve(hessian, gradient.Detach().Unsqueeze(1)).Squeeze(1);
    }
}
