using Sharpgrad.NN;

namespace Sharpgrad.Tests.OpTable;

// The book's recurrent variants (issue #12, GBC §10.6, §10.9): leaky units with a scalar and a per-unit α (α is an
// input too, so a learned α's gradient is checked), a skip connection through time (T = 3 with delay 2, so the last
// step reads h_0 through the skip weight), and a recursive network over the tree ((0 1) 2). Sizes are the recurrent
// part's: T = 3, N = 2, in = 3, H = 2.
public static partial class OpTable
{
    [OpEntries]
    private static IEnumerable<OpInfo> RecurrentVariants() =>
    [
        Leaky("LeakyRNN scalar alpha", 700, []),
        Leaky("LeakyRNN per-unit alpha", 710, [Hidden]),
        new("SkipRNN delay 2", x =>
        {
            var weights = new RecurrentWeights(x[2], x[3], x[4], x[5], null);
            return Joined(Tensor.Stack(SkipRNN.Run(weights, x[6], 2, Functional.Linear(x[0], x[2], x[4]), x[1])));
        }, () => [.. TanhLayerSamples(720), Normal(727, Hidden, Hidden)]),
        new("RecursiveNetwork ((0 1) 2)", x => RecursiveNetwork.Compose(x[0], Tree, x[1], x[2]),
            () => [Normal(730, 3, Hidden), Normal(731, Hidden, 2 * Hidden), Normal(732, Hidden)]),
    ];

    private static readonly BinaryTree Tree = BinaryTree.Node(BinaryTree.Node(BinaryTree.Leaf(0), BinaryTree.Leaf(1)), BinaryTree.Leaf(2));

    /// <summary>Inputs: x [T, N, in], h0 [N, H], W_ih, W_hh, b_ih, b_hh, α of <paramref name="alphaShape"/> in [0.2, 0.8).</summary>
    private static OpInfo Leaky(string name, int seed, int[] alphaShape) => new(name, x =>
    {
        var weights = new RecurrentWeights(x[2], x[3], x[4], x[5], null);
        return Joined(Tensor.Stack(LeakyRNN.Run(weights, Functional.Linear(x[0], x[2], x[4]), x[1], x[6])));
    }, () => [.. TanhLayerSamples(seed), Uniform(seed + 7, 0.2, 0.8, alphaShape).RequireGrad()]);

    /// <summary>x [T, N, in], h0 [N, H], W_ih [H, in], W_hh [H, H], b_ih, b_hh [H].</summary>
    private static Tensor[] TanhLayerSamples(int seed) =>
    [
        Normal(seed, Steps, Batch, Features), Normal(seed + 1, Batch, Hidden), Normal(seed + 2, Hidden, Features),
        Normal(seed + 3, Hidden, Hidden), Normal(seed + 4, Hidden), Normal(seed + 5, Hidden),
    ];
}
