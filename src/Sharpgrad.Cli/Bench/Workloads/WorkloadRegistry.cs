namespace Sharpgrad.Cli.Bench.Workloads;

/// <summary>Every workload, in the reference script's order.</summary>
public static class WorkloadRegistry
{
    public static IReadOnlyList<IWorkload> All { get; } =
    [
        new SgemmWorkload(),
        new OpOverheadWorkload(),
        FashionEpochWorkload.Mlp,
        FashionEpochWorkload.LeNet5,
        // Not yet available: this needs the fast LSTM of the sequence issue. It is registered so that --only accepts the
        // reference's name, and prints nothing until the layer lands (compare.sh then shows it as missing).
        new PendingWorkload("lstm", "lstm_lm_step (ms): needs Embedding, LSTM and clip_grad_norm"),
        new TransformerStepWorkload(),
        // Sharpgrad's own (the reference has no counterpart): the mixed-precision experiment of issue #20.
        FashionEpochWorkload.LeNet5BFloat16,
        FashionEpochWorkload.LeNet5Float16,
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(w => w.Name).ToArray();
}
