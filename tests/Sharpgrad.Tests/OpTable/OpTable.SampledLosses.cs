using Sharpgrad.NN;

namespace Sharpgrad.Tests.OpTable;

// Issue #13's sampled output losses, differentiated w.r.t. the hidden states, the output weight and the bias. The noise
// samples are fixed (a sampled loss is a deterministic function of them) and include a target class, so the entries
// cover NCE's kept accidental hit and the sampled softmax's masked one (a −∞ logit).
public static partial class OpTable
{
    private static readonly NoiseDistribution SampledLossNoise = NoiseDistribution.Unigram([40, 3, 17, 8, 1, 25, 6]);

    private static SampledClasses SampledLossSamples() => new(Tensor.From(new long[] { 2, 0, 5, 2, 6 }), SampledLossNoise);

    private static Tensor[] SampledLossInputs(int seed) =>
        [Normal(seed, 3, 4), Normal(seed + 1, 7, 4), Normal(seed + 2, 7), Tensor.From(new long[] { 2, 4, 1 })];

    [OpEntries]
    private static IEnumerable<OpInfo> SampledLosses() =>
    [
        new("Nce k 5, unigram noise", x => Losses.Nce(x[0], x[1], x[2], x[3], SampledLossSamples()), () => SampledLossInputs(620)),
        new("Nce per example", x => Losses.Nce(x[0], x[1], x[2], x[3], SampledLossSamples(), Reduction.None), () => SampledLossInputs(623)),
        new("SampledSoftmax accidental hits removed", x => Losses.SampledSoftmax(x[0], x[1], x[2], x[3], SampledLossSamples()), () => SampledLossInputs(626)),
        new("SampledSoftmax hits kept, sum", x => Losses.SampledSoftmax(x[0], x[1], x[2], x[3], SampledLossSamples(), removeAccidentalHits: false, Reduction.Sum),
            () => SampledLossInputs(629)),
    ];
}
