using System.Globalization;
using Sharpgrad.NN;

namespace Sharpgrad.Distributed.TestProgram;

/// <summary>
/// <see cref="SyncBatchNorm"/> on R ranks × 16 examples [16, 3, 2, 2] in float64 against <see cref="BatchNorm2d"/> on
/// the 16·R examples in one process (every rank computes the reference for itself). Two training passes (the running
/// statistics are updated twice), then one in evaluation. The loss is Σ y·c / (16·R), each rank's share of the global
/// one, so the input gradients compare directly and the parameter gradients after a sum over ranks. Each rank prints
/// the largest difference of every quantity; the same for a BatchNorm2d switched over by ConvertSyncBatchNorm, and
/// whether DistributedDataParallel turned its overlap off for such a model.
/// </summary>
internal static class SyncBatchNormScenario
{
    private const int Local = 16, Channels = 3;

    public static void Run(Communicator world)
    {
        int global = Local * world.Size;
        var x = Tensor.Randn([global, Channels, 2, 2], DType.Float64, new Generator(31)) * 3 + 1;
        var c = Tensor.Randn([global, Channels, 2, 2], DType.Float64, new Generator(34));
        var mine = x.Narrow(0, world.Rank * Local, Local);
        var myC = c.Narrow(0, world.Rank * Local, Local);

        Compare(world, "sync", new SyncBatchNorm(Channels, processGroup: world, dtype: DType.Float64), x, c, mine, myC);
        var converted = SyncBatchNorm.ConvertSyncBatchNorm(new Sequential(new BatchNorm2d(Channels, dtype: DType.Float64)), world);
        Compare(world, "converted", converted, x, c, mine, myC);

        var ddp = new DistributedDataParallel(converted, world);
        converted.Forward(mine).Sum().Backward();
        ddp.SynchronizeGradients();
        Report.Line(world, "ddp-overlapped-buckets", ddp.OverlappedBucketCount.ToString(CultureInfo.InvariantCulture));
    }

    private static void Compare(Communicator world, string label, Module<Tensor, Tensor> layer, Tensor x, Tensor c, Tensor mine, Tensor myC)
    {
        var reference = new BatchNorm2d(Channels, dtype: DType.Float64);
        foreach (var m in new[] { reference, layer })
            using (Autograd.NoGrad())
            {
                var (weight, bias) = Affine(m);
                weight.CopyFrom(Tensor.Randn([Channels], DType.Float64, new Generator(32)));
                bias.CopyFrom(Tensor.Randn([Channels], DType.Float64, new Generator(33)));
            }
        double worst = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            double shift = pass; // a different batch each pass
            var xs = (x + shift).Detach().RequireGrad();
            var ys = reference.Forward(xs);
            ((ys * c).Sum() / x.Size(0)).Backward();

            var xr = (mine + shift).Detach().RequireGrad();
            var yr = layer.Forward(xr);
            ((yr * myC).Sum() / x.Size(0)).Backward();

            var mySlice = ys.Narrow(0, world.Rank * Local, Local);
            Report.Line(world, $"{label}-pass{pass}-output", Max(yr - mySlice));
            Report.Line(world, $"{label}-pass{pass}-input-grad", Max(xr.Grad! - xs.Grad!.Narrow(0, world.Rank * Local, Local)));
            var (weight, bias) = Affine(layer);
            var (refWeight, refBias) = Affine(reference);
            foreach (var (name, mineGrad, refGrad) in new[] { ("weight", weight.Grad!, refWeight.Grad!), ("bias", bias.Grad!, refBias.Grad!) })
            {
                var summed = mineGrad.Clone();
                world.AllReduce(summed);
                Report.Line(world, $"{label}-pass{pass}-{name}-grad", Max(summed - refGrad));
                worst = Math.Max(worst, refGrad.Abs().Max().Item<double>());
            }
            layer.ZeroGrad();
            reference.ZeroGrad();
        }
        foreach (var name in new[] { "running_mean", "running_var", "num_batches_tracked" })
            Report.Line(world, $"{label}-{name}", Max(Buffer(layer, name).Double() - Buffer(reference, name).Double()));
        Report.Line(world, $"{label}-largest-gradient", worst.ToString("R", CultureInfo.InvariantCulture));
        Report.Line(world, $"{label}-running-var-moved", Max(Buffer(reference, "running_var") - 1));

        layer.Eval();
        reference.Eval();
        Report.Line(world, $"{label}-eval-output", Max(layer.Forward(mine) - reference.Forward(x).Narrow(0, world.Rank * Local, Local)));
    }

    private static (Tensor Weight, Tensor Bias) Affine(Module m)
        => (m.NamedParameters().First(p => p.Name.EndsWith("weight", StringComparison.Ordinal)).Parameter,
            m.NamedParameters().First(p => p.Name.EndsWith("bias", StringComparison.Ordinal)).Parameter);

    private static Tensor Buffer(Module m, string name) => m.NamedBuffers().First(b => b.Name.EndsWith(name, StringComparison.Ordinal)).Buffer;

    private static string Max(Tensor difference) => difference.Abs().Max().Item<double>().ToString("R", CultureInfo.InvariantCulture);
}
