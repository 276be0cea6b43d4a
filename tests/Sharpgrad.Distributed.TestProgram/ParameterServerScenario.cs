using System.Globalization;
using Sharpgrad.NN;

namespace Sharpgrad.Distributed.TestProgram;

/// <summary>
/// Asynchronous SGD (<see cref="ParameterServer"/>): rank 0 serves, each other rank fits a least-squares model on its
/// own share of 64 examples, 40 steps each; rank 0 reports the staleness of every update and the loss on all the data
/// before and after.
/// </summary>
internal static class ParameterServerScenario
{
    private const int Steps = 40;

    public static void Run(Communicator world)
    {
        var x = Tensor.Randn([64, 4], DType.Float64, new Generator(51));
        var y = x.MatMul(Tensor.From(new[,] { { 1.0 }, { -2.0 }, { 0.5 }, { 3.0 } }));
        int workers = world.Size - 1, share = 64 / workers, me = world.Rank - 1;
        var model = new Linear(4, 1, dtype: DType.Float64, generator: new Generator(52));
        Report.Line(world, "loss-before", Loss(model, x, y));
        var server = new ParameterServer(model, world, learningRate: 0.05);
        var report = server.Run(Steps, _ => Losses.MSE(model.Forward(x.Narrow(0, me * share, share)), y.Narrow(0, me * share, share)));
        Report.Line(world, "loss-after", Loss(model, x, y));
        Report.Values(world, "weight", model.Weight);
        if (world.IsMain) Report.Line(world, "staleness", string.Join(' ', report.Staleness));
        else Report.Line(world, "worker-updates", report.Staleness.Count.ToString(CultureInfo.InvariantCulture));
    }

    private static string Loss(Linear model, Tensor x, Tensor y)
    {
        using var _ = Autograd.NoGrad();
        return Losses.MSE(model.Forward(x), y).Item<double>().ToString("R", CultureInfo.InvariantCulture);
    }
}
