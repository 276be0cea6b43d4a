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
        new LstmLmStepWorkload(),
        new TransformerStepWorkload(),
        // Sharpgrad's own (the reference has no counterpart): the mixed-precision experiment of issue #20.
        FashionEpochWorkload.LeNet5BFloat16,
        FashionEpochWorkload.LeNet5Float16,
        // Sharpgrad's own: one DNC training step (issue #14), against bench/dnc_step.py rather than the reference script.
        new DncStepWorkload(),
        // Sharpgrad's own, compared with bench/rl_pytorch.py rather than the reference script (issue #16).
        new RlWorkload(),
        // Compared with bench/sklearn_reference.py by bench/compare_sklearn.sh (issue #21).
        new ClassicMl.PcaWorkload(),
        new ClassicMl.KNeighborsWorkload(),
        new ClassicMl.KMeansWorkload(),
        // Sharpgrad's own: VAE and DCGAN training steps (issue #15), against bench/generative_step.py.
        new GenerativeStepWorkload(),
        // Against scikit-learn in bench/sklearn_reference_models.py (issue #21), run by bench/compare_sklearn_models.sh.
        ClassicMl.TsneWorkload.Exact,
        ClassicMl.TsneWorkload.BarnesHut,
        new ClassicMl.SvcWorkload(),
        new ClassicMl.LogisticRegressionWorkload(),
        new ClassicMl.GaussianMixtureWorkload(),
        // Against bench/pytorch_round2.py, run by bench/compare_round2.sh (issue #21, round two's missing benchmarks).
        new InferenceWorkload(),
        new CnnTrainStepWorkload(),
        new SmallGemmWorkload(),
        new MachinePeakWorkload(),
        // Sharpgrad's own: float32 against int8 inference of LeNet-5 (issue #18).
        new LeNet5Int8InferenceWorkload(),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(w => w.Name).ToArray();
}
