namespace Sharpgrad.Cli.Experiments;

/// <summary>One player's trajectory in the game v(a, b) = ab: the points (a, b) and their distance from the equilibrium (0, 0).</summary>
public sealed record GameTrajectory(string Name, double[] A, double[] B, double[] Radius);

/// <summary>
/// GBC §20.10.4's non-convergence example: player a minimises v(a, b) = ab, player b maximises it; the only equilibrium
/// is (0, 0). Gradient descent for a and ascent for b, both taken simultaneously with step η, is the linear map
/// (a, b) ← (a − ηb, b + ηa), a rotation scaled by √(1 + η²): the players orbit the equilibrium and spiral outwards,
/// never converging. Alternating the updates (b sees a's new value) gives an area-preserving map whose orbits stay
/// bounded, but it does not converge either. Gradients are taken by autograd, as a GAN's would be.
/// </summary>
public static class GanDynamics
{
    public const double DefaultLearningRate = 0.1;
    public const int DefaultSteps = 200;

    public static IReadOnlyList<GameTrajectory> Run(double learningRate = DefaultLearningRate, int steps = DefaultSteps)
        => [Play("simultaneous", learningRate, steps, alternating: false), Play("alternating", learningRate, steps, alternating: true)];

    public static GameTrajectory Play(string name, double learningRate, int steps, bool alternating, double a0 = 1, double b0 = 0)
    {
        var a = new double[steps + 1];
        var b = new double[steps + 1];
        (a[0], b[0]) = (a0, b0);
        for (int t = 0; t < steps; t++)
        {
            var (gradA, _) = Gradients(a[t], b[t]);
            a[t + 1] = a[t] - learningRate * gradA;
            var (_, gradB) = Gradients(alternating ? a[t + 1] : a[t], b[t]);
            b[t + 1] = b[t] + learningRate * gradB;
        }
        return new GameTrajectory(name, a, b, a.Zip(b, (x, y) => Math.Sqrt(x * x + y * y)).ToArray());
    }

    /// <summary>(∂v/∂a, ∂v/∂b) at (a, b) for v = ab, by autograd.</summary>
    private static (double, double) Gradients(double a, double b)
    {
        var ta = Tensor.Full([], a, DType.Float64).RequireGrad();
        var tb = Tensor.Full([], b, DType.Float64).RequireGrad();
        var grads = Autograd.Grad([ta * tb], [ta, tb]);
        return (grads[0].Item(), grads[1].Item());
    }
}
