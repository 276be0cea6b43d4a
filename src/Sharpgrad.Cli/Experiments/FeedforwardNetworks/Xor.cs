using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Experiments;

/// <summary>What <see cref="Xor"/> found: the linear fit, the book's ReLU network, and a trained one.</summary>
/// <param name="LinearWeights">w of the least-squares linear model y = xᵀw + b</param>
/// <param name="LinearBias">its b</param>
/// <param name="LinearMse">its mean squared error on the four points</param>
/// <param name="BookHidden">the book network's hidden representation h of the four points, [4, 2]</param>
/// <param name="BookOutputs">its outputs on the four points</param>
/// <param name="TrainedMses">the final MSE of a ReLU network trained from each of <see cref="Xor.Starts"/> random starts</param>
public sealed record XorResult(double[] LinearWeights, double LinearBias, double LinearMse, double[,] BookHidden, double[] BookOutputs, double[] TrainedMses)
{
    /// <summary>The starts that solved XOR (MSE below 10⁻³).</summary>
    public int Solved => TrainedMses.Count(m => m < Xor.SolvedMse);
}

/// <summary>
/// Learning XOR (GBC §6.1). No linear model can: least squares on the four points gives w = 0, b = ½ (MSE ¼). The
/// book's network f(x) = wᵀ max(0, Wᵀx + c) + b with W = [[1, 1], [1, 1]], c = [0, −1], w = [1, −2], b = 0 maps the
/// points into a space h where they are linearly separable — (0, 1) and (1, 0) both land on h = (1, 0) — and solves
/// XOR exactly. Gradient descent finds such a solution too from most random starts; from some it settles in the linear
/// model's solution (every output ½, MSE ¼), a stationary point where the ReLUs that would separate the points are off —
/// which is why the experiment trains from <see cref="Starts"/> starts and reports how many solved.
/// </summary>
public static class Xor
{
    public static readonly double[,] Inputs = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
    public static readonly double[] Targets = [0, 1, 1, 0];

    /// <summary>Hidden units and Adam steps of the trained network.</summary>
    public const int Hidden = 8, Steps = 400, Starts = 5;

    /// <summary>A trained network with a lower MSE than this has solved XOR (the outputs are within about 0.03 of the targets).</summary>
    public const double SolvedMse = 1e-3;

    public static XorResult Run(int seed = 0)
    {
        var x = Tensor.FromArray(Inputs.Cast<double>().ToArray(), 4, 2);
        var y = Tensor.FromArray(Targets, 4, 1);

        // Least squares on [x, 1]: the normal equations' solution is w = 0, b = ½ (GBC eq. 6.1–6.2).
        var design = Tensor.Cat([x, Tensor.Ones([4, 1], DType.Float64)], dim: 1);
        var theta = Linalg.Lstsq(design, y).Solution.Reshape(3).ToArray<double>();
        double linearMse = (design.MatMul(Tensor.FromArray(theta, 3, 1)) - y).Square().Mean().Item();

        var weights = Tensor.FromArray(new double[] { 1, 1, 1, 1 }, 2, 2);
        var c = Tensor.FromArray(new double[] { 0, -1 }, 2);
        var w = Tensor.FromArray(new double[] { 1, -2 }, 2, 1);
        var hidden = (x.MatMul(weights) + c).Relu();
        var outputs = hidden.MatMul(w).Reshape(4).ToArray<double>();
        var h = hidden.ToArray<double>();

        return new XorResult(theta[..2], theta[2], linearMse, new double[,] { { h[0], h[1] }, { h[2], h[3] }, { h[4], h[5] }, { h[6], h[7] } }, outputs,
            [.. Enumerable.Range(seed, Starts).Select(start => Train(x, y, start))]);
    }

    /// <summary>A 2–<see cref="Hidden"/>–1 ReLU network trained on the four points by full-batch Adam; its final MSE.</summary>
    private static double Train(Tensor x, Tensor y, int seed)
    {
        var generator = new Generator(seed);
        var model = new Sequential(new Linear(2, Hidden, dtype: DType.Float64, generator: generator), new ReLU(), new Linear(Hidden, 1, dtype: DType.Float64, generator: generator));
        var optimizer = new Adam(model.Parameters(), lr: 0.05);
        for (int step = 0; step < Steps; step++)
        {
            optimizer.ZeroGrad();
            Losses.MSE(model.Forward(x), y).Backward();
            optimizer.Step();
        }
        using (Autograd.NoGrad()) return Losses.MSE(model.Forward(x), y).Item();
    }
}
