using Sharpgrad.Classic;

namespace Sharpgrad.Cli.Bench.Workloads.ClassicMl;

/// <summary>
/// tsne_exact / tsne_barnes_hut (s) and <c>{name}_kl</c>: t-SNE of the 1,797 digits to 2-D, perplexity 30, 1,000
/// iterations, learning rate 200, early exaggeration 12, with exact gradients or Barnes–Hut (θ = 0.5) — the same method
/// on both sides (bench/sklearn_reference_models.py). The KL divergence of the final embedding is the result to agree.
/// </summary>
public sealed class TsneWorkload(string name, TsneMethod method) : IWorkload
{
    public static TsneWorkload Exact { get; } = new("tsne_exact", TsneMethod.Exact);

    public static TsneWorkload BarnesHut { get; } = new("tsne_barnes_hut", TsneMethod.BarnesHut);

    public string Name => name;

    public void Run(BenchReport report, BenchOptions options)
    {
        var (x, _) = DigitsRows.Load();
        var tsne = DigitsRows.Timed(report, options, name, () =>
        {
            var model = new TSNE(perplexity: 30, learningRate: 200, maxIter: 1000, earlyExaggeration: 12, seed: 0, method: method, angle: 0.5);
            model.Fit(x);
            return model;
        });
        report.Write(name + "_kl", tsne.KlDivergence, "KL");
    }
}
