namespace Sharpgrad.Bench.Workloads;

/// <summary>Every workload, in the reference script's order.</summary>
public static class WorkloadRegistry
{
    public static IReadOnlyList<IWorkload> All { get; } =
    [
        new SgemmWorkload(),
        new OpOverheadWorkload(),
        // Not yet available: these need the Fashion-MNIST reader, conv/pool layers and LSTM/attention layers that are
        // being built on other branches. They are registered so that --only accepts the reference's names, and print
        // nothing until the layers land (compare.sh then shows them as missing).
        new PendingWorkload("mlp", "mlp_fashion_epoch (s) and mlp_fashion_epoch1_test_acc: needs the Fashion-MNIST IDX reader"),
        new PendingWorkload("lenet5", "lenet5_fashion_epoch (s): needs Conv2d, MaxPool2d and the Fashion-MNIST reader"),
        new PendingWorkload("lstm", "lstm_lm_step (ms): needs Embedding, LSTM and clip_grad_norm"),
        new PendingWorkload("transformer", "transformer_step (ms): needs TransformerEncoderLayer"),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(w => w.Name).ToArray();
}
