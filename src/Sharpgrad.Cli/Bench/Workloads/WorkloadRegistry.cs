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
        // Not yet available: these need the LSTM and attention layers of the sequence issue. They are registered so
        // that --only accepts the reference's names, and print nothing until the layers land (compare.sh then shows
        // them as missing).
        new PendingWorkload("lstm", "lstm_lm_step (ms): needs Embedding, LSTM and clip_grad_norm"),
        new PendingWorkload("transformer", "transformer_step (ms): needs TransformerEncoderLayer"),
        // Sharpgrad's own (the reference has no counterpart): the mixed-precision experiment of issue #20.
        FashionEpochWorkload.LeNet5BFloat16,
        FashionEpochWorkload.LeNet5Float16,
        // Sharpgrad's own, compared with bench/rl_pytorch.py rather than the reference script (issue #16).
        new RlWorkload(),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(w => w.Name).ToArray();
}
