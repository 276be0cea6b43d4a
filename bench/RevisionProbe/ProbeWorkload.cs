using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Models;
using Sharpgrad.Optim;

namespace Sharpgrad.RevisionProbe;

/// <summary>
/// One repeatable unit of work and how many of them make a timed block (about 50–150 ms on the Zen 4). The code uses
/// only API that the pre-seam build 52f3d09 and main both have, so one source measures both revisions.
/// </summary>
internal sealed record ProbeWorkload(string Name, string Unit, int OpsPerBlock, Action Step)
{
    public static readonly string[] Names = ["op_overhead", "op_overhead_inline", "mlp_step", "mlp_small_step"];

    public static ProbeWorkload Create(string name) => name switch
    {
        "op_overhead" => AddOverhead(),
        "op_overhead_inline" => AddOverheadInline(),
        "mlp_step" => FashionMlpStep(),
        "mlp_small_step" => SmallMlpStep(),
        _ => throw new ArgumentException($"RevisionProbe: unknown workload '{name}'; expected one of {string.Join(", ", Names)}"),
    };

    /// <summary>The bench's op_overhead_add10_grad: <c>x + y</c> on 10 float32 elements, x requiring grad.</summary>
    private static ProbeWorkload AddOverhead()
    {
        var generator = new Generator(0);
        var x = Tensor.Randn([10], DType.Float32, generator).RequireGrad();
        var y = Tensor.Randn([10], DType.Float32, generator);
        return new("op_overhead_add10_grad", "us/op", 200_000, () => _ = x + y);
    }

    /// <summary>
    /// op_overhead with the loop and the op in one method, as in the bench's timed loop and in a user's training loop:
    /// the JIT may inline the op into the loop. A step is a run of 100 ops, so the method tiers up like any other.
    /// </summary>
    private static ProbeWorkload AddOverheadInline()
    {
        const int OpsPerStep = 100;
        var generator = new Generator(0);
        var x = Tensor.Randn([10], DType.Float32, generator).RequireGrad();
        var y = Tensor.Randn([10], DType.Float32, generator);
        return new("op_overhead_add10_grad_inline", "us/100 ops", 2_000, () =>
        {
            for (int i = 0; i < OpsPerStep; i++) _ = x + y;
        });
    }

    /// <summary>
    /// The bench's mlp_fashion_epoch step (784-256-128-10, ReLU, SGD lr 0.1 momentum 0.9, batch 64, shuffled
    /// float32 Fashion-MNIST), run epoch after epoch so that blocks can follow a warm-up. Both revisions load the
    /// float32 dataset here (the pre-seam bench did; main's bench converts byte images per batch instead).
    /// </summary>
    private static ProbeWorkload FashionMlpStep()
    {
        var train = Datasets.FashionMnist(train: true);
        var net = ModelZoo.Mlp(784, [256, 128], 10, new Generator(0));
        var opt = new SGD(net.Parameters(), lr: 0.1, momentum: 0.9);
        var batches = Epochs(train).GetEnumerator();
        net.Train();
        return new("mlp_fashion_step", "us/step", 100, () =>
        {
            batches.MoveNext();
            var (input, target) = batches.Current;
            var loss = Losses.CrossEntropy(net.Forward(input.Reshape(input.Size(0), -1)), target);
            opt.ZeroGrad(setToNone: false);
            loss.Backward();
            opt.Step();
        });
    }

    /// <summary>helper ovh20's mlpstep: Linear(16,16), ReLU, Linear(16,4) on a batch of 8, cross-entropy, SGD momentum.</summary>
    private static ProbeWorkload SmallMlpStep()
    {
        var generator = new Generator(0);
        var net = new Sequential(new Linear(16, 16), new ReLU(), new Linear(16, 4));
        var opt = new SGD(net.Parameters(), lr: 0.001, momentum: 0.9);
        var input = Tensor.Randn([8, 16], DType.Float32, generator);
        var target = Tensor.FromArray(new long[] { 0, 1, 2, 3, 0, 1, 2, 3 }, 8);
        return new("mlp_small_step", "us/step", 4_000, () =>
        {
            var loss = Losses.CrossEntropy(net.Forward(input), target);
            opt.ZeroGrad();
            loss.Backward();
            opt.Step();
        });
    }

    private static IEnumerable<(Tensor Input, Tensor Target)> Epochs(TensorDataset train)
    {
        for (int epoch = 0; ; epoch++)
            foreach (var batch in new DataLoader(train, 64, shuffle: true, seed: epoch))
                yield return batch;
    }
}
