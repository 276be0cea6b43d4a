using Sharpgrad.NN;

namespace Sharpgrad.Tests.OpTable;

// Issue #10's losses. Samples keep the hinges (triplet, ranking, cosine embedding) away from their kinks.
public static partial class OpTable
{
    [OpEntries]
    private static IEnumerable<OpInfo> LossFunctions() => // not "Losses", which would hide the class
    [
        // The teacher's logits are constants of the loss (no RequireGrad); only the student's are differentiated.
        new("Distillation T 2, alpha 0.6", x => Losses.Distillation(x[0], x[1], x[2], temperature: 2, alpha: 0.6),
            () => [Normal(590, 3, 4), Tensor.Randn([3, 4], DType.Float64, new Generator(591)), Tensor.From(new long[] { 3, 0, 1 })]),
        new("TripletMargin swap p=2", x => Losses.TripletMargin(x[0], x[1], x[2], margin: 2, swap: true, reduction: Reduction.None),
            () => [Normal(600, 3, 4), Normal(601, 3, 4), Normal(602, 3, 4)]),
        new("MarginRanking", x => Losses.MarginRanking(x[0], x[1], x[2], margin: 0.5, Reduction.Sum),
            () => [Normal(603, 5), Normal(604, 5), Tensor.From(new[] { 1.0, -1, 1, -1, -1 })]),
        new("CosineEmbedding", x => Losses.CosineEmbedding(x[0], x[1], x[2], margin: -0.5, Reduction.None),
            () => [Normal(605, 4, 3), Normal(606, 4, 3), Tensor.From(new[] { 1.0, -1, -1, 1 })]),
        new("PoissonNLL log input, full", x => Losses.PoissonNLL(x[0], x[1], full: true, reduction: Reduction.None),
            () => [Normal(607, 2, 3), Tensor.From(new[,] { { 0.0, 1, 2.5 }, { 4, 0.5, 7 } })]),
        new("PoissonNLL rates", x => Losses.PoissonNLL(x[0], x[1], logInput: false),
            () => [Positive(608, 2, 3), Tensor.From(new[,] { { 0.0, 1, 2.5 }, { 4, 0.5, 7 } })]),
        new("GaussianNLL one variance per example", x => Losses.GaussianNLL(x[0], x[1], x[2], full: true, reduction: Reduction.None),
            () => [Normal(609, 3, 2), Normal(610, 3, 2), Positive(611, 3)]),
        // The exact partial derivative w.r.t. free log-probs (no log-softmax in front): checked by central differences.
        // First order only, like PyTorch's ctc_loss, whose backward has no derivative.
        new("Ctc padded targets, varying lengths, a repeated label", x => Losses.Ctc(x[0], x[1], x[2], x[3], reduction: Reduction.Sum),
            () => [Normal(612, 5, 2, 4), Tensor.From(new long[,] { { 1, 1, 3 }, { 2, 0, 0 } }), Tensor.From(new long[] { 5, 3 }), Tensor.From(new long[] { 3, 1 })])
        {
            SecondOrder = false,
        },
        new("Ctc concatenated targets, blank 2, mean", x => Losses.Ctc(x[0], x[1], x[2], x[3], blank: 2),
            () => [Normal(613, 4, 2, 3), Tensor.From(new long[] { 0, 1, 1 }), Tensor.From(new long[] { 4, 3 }), Tensor.From(new long[] { 2, 1 })])
        {
            SecondOrder = false,
        },
    ];
}
