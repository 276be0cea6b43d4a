using System.Globalization;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Distributed.TestProgram;

/// <summary>
/// EASGD (<see cref="ElasticAveraging"/>): one exchange on a scalar weight with a hand-computable result; the period τ
/// (nothing moves until the τ-th step); and a small least-squares problem on which each rank trains on its own half
/// of the data, reporting the centre's loss on all of it before and after.
/// </summary>
internal static class ElasticAveragingScenario
{
    public static void Run(Communicator world)
    {
        // Centre 0; rank r's replica then set to r + 1. With α = 1/4 one exchange gives x_r ← x_r − (x_r − 0)/4 and
        // x̃ ← 0 + (1/4)·Σ_r (x_r − 0).
        var scalar = new Linear(1, 1, bias: false, dtype: DType.Float64);
        using (Autograd.NoGrad()) scalar.Weight.Fill(0);
        var easgd = new ElasticAveraging(scalar, world, alpha: 0.25, period: 3);
        using (Autograd.NoGrad()) scalar.Weight.Fill(world.Rank + 1);
        easgd.Step();
        easgd.Step();
        Report.Values(world, "after-2-steps", scalar.Weight);
        easgd.Step();
        Report.Values(world, "after-3-steps", scalar.Weight);
        Report.Values(world, "center-after-3-steps", easgd.Center[0]);
        Report.Line(world, "exchanges", easgd.Exchanges.ToString(CultureInfo.InvariantCulture));

        Train(world);
    }

    private static void Train(Communicator world)
    {
        var x = Tensor.Randn([64, 4], DType.Float64, new Generator(41));
        var y = x.MatMul(Tensor.From(new[,] { { 1.0 }, { -2.0 }, { 0.5 }, { 3.0 } }));
        int share = 64 / world.Size;
        var mine = x.Narrow(0, world.Rank * share, share);
        var myTargets = y.Narrow(0, world.Rank * share, share);
        var model = new Linear(4, 1, dtype: DType.Float64, generator: new Generator(42 + world.Rank));
        var easgd = new ElasticAveraging(model, world, alpha: 0.9 / (2 * world.Size), period: 2);
        Report.Line(world, "center-loss-before", Loss(easgd, x, y));
        var optimizer = new SGD(model.Parameters(), lr: 0.05);
        for (int step = 0; step < 60; step++)
        {
            optimizer.ZeroGrad();
            Losses.MSE(model.Forward(mine), myTargets).Backward();
            optimizer.Step();
            easgd.Step();
        }
        Report.Line(world, "center-loss-after", Loss(easgd, x, y));
        Report.Values(world, "replica", model.Weight);
        Report.Values(world, "center", easgd.Center[0]);
    }

    private static string Loss(ElasticAveraging easgd, Tensor x, Tensor y)
        => Losses.MSE(x.MatMul(easgd.Center[0].T) + easgd.Center[1], y).Item<double>().ToString("R", CultureInfo.InvariantCulture);
}
