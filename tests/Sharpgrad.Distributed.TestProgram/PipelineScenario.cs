using System.Globalization;
using Sharpgrad.NN;

namespace Sharpgrad.Distributed.TestProgram;

/// <summary>
/// <see cref="TwoStagePipeline"/>: a 3-layer MLP split after its first hidden layer, batch 11 in float64 cut into 1, 3
/// and 4 micro-batches (the last two uneven), against the whole model in one process, which each rank runs for itself.
/// Each rank reports the largest difference between its stage's gradients and the same parameters' gradients in the
/// whole model, and rank 1 the loss.
/// </summary>
internal static class PipelineScenario
{
    public static void Run(Communicator world)
    {
        var x = Tensor.Randn([11, 6], DType.Float64, new Generator(61));
        var y = Tensor.From([0L, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1]);
        var whole = Model();
        var expected = Losses.CrossEntropy(whole.Forward(x), y);
        expected.Backward();
        int first = 2; // Linear + Tanh on rank 0
        var mine = world.Rank == 0 ? whole.Children().Take(first) : whole.Children().Skip(first);
        foreach (int microBatches in new[] { 1, 3, 4 })
        {
            var model = Model();
            var stage = new Sequential([.. (world.Rank == 0 ? model.Children().Take(first) : model.Children().Skip(first)).Cast<Module<Tensor, Tensor>>()]);
            var pipeline = new TwoStagePipeline(stage, world, microBatches);
            double? loss = world.Rank == 0 ? pipeline.Backward(input: x) : pipeline.Backward(target: y, loss: (z, t) => Losses.CrossEntropy(z, t));
            double worst = stage.Parameters().Zip(mine.SelectMany(m => m.Parameters()), (p, q) => (p.Grad! - q.Grad!).Abs().Max().Item<double>()).Max();
            Report.Line(world, $"micro{microBatches}-gradient-difference", worst.ToString("R", CultureInfo.InvariantCulture));
            if (loss is { } l) Report.Line(world, $"micro{microBatches}-loss-difference", Math.Abs(l - expected.Item<double>()).ToString("R", CultureInfo.InvariantCulture));
        }
        double largest = mine.SelectMany(m => m.Parameters()).Max(p => p.Grad!.Abs().Max().Item<double>());
        Report.Line(world, "largest-gradient", largest.ToString("R", CultureInfo.InvariantCulture));
    }

    private static Sequential Model()
    {
        var generator = new Generator(62);
        return new Sequential(new Linear(6, 8, dtype: DType.Float64, generator: generator), new Tanh(),
            new Linear(8, 8, dtype: DType.Float64, generator: generator), new Tanh(),
            new Linear(8, 3, dtype: DType.Float64, generator: generator));
    }
}
