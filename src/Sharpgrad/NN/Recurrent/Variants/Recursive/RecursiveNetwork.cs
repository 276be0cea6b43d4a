namespace Sharpgrad.NN;

/// <summary>
/// A recursive neural network (GBC §10.6, Fig. 10.14; Pollack 1990, Socher et al. 2011): the same composition
/// h = tanh(W [h_left; h_right] + b) is applied at every inner node of a binary tree, bottom-up, so a sequence of
/// length τ reaches the root through a depth of O(log τ) compositions on a balanced tree instead of τ. Input: the leaf
/// vectors [L, H] and a <see cref="BinaryTree"/> over their row indices; output: the root's vector [H] (a leaf's own
/// vector when the tree is one leaf). Parameters: <c>weight</c> [H, 2H] and <c>bias</c> [H], a <see cref="Linear"/>
/// from 2H to H with its initialisation.
/// </summary>
public sealed class RecursiveNetwork : Module<Tensor, BinaryTree, Tensor>
{
    public int HiddenSize { get; }

    /// <summary>W [H, 2H]: its first H columns read the left child, the last H the right child.</summary>
    public Tensor Weight { get; }

    public Tensor? Bias { get; }

    public RecursiveNetwork(int hiddenSize, bool bias = true, DType dtype = DType.Float32, Generator? generator = null)
    {
        RecurrentChecks.Sizes(nameof(RecursiveNetwork), hiddenSize, hiddenSize);
        RecurrentChecks.DType(nameof(RecursiveNetwork), dtype);
        HiddenSize = hiddenSize;
        var composition = new Linear(2 * hiddenSize, hiddenSize, bias, dtype, generator);
        Weight = RegisterParameter("weight", composition.Weight.Detach());
        Bias = composition.Bias is { } b ? RegisterParameter("bias", b.Detach()) : null;
    }

    protected override Tensor ForwardCore(Tensor leaves, BinaryTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if (leaves.Rank != 2 || leaves.Size(1) != HiddenSize)
            throw new ArgumentException($"RecursiveNetwork: leaves must be [L, {HiddenSize}], got shape {leaves.Shape}.");
        if (tree.MaxLeaf >= leaves.Size(0))
            throw new ArgumentException($"RecursiveNetwork: the tree {tree} refers to leaf {tree.MaxLeaf}, but leaves has {leaves.Size(0)} rows (shape {leaves.Shape}).");
        if (leaves.DType != Weight.DType)
            throw new ArgumentException($"RecursiveNetwork: leaves dtype {leaves.DType.Name()} does not match the parameters' {Weight.DType.Name()}.");
        return Compose(leaves, tree, Weight, Bias);
    }

    /// <summary>The root vector as a function of the leaves and the weights (the op table checks it to second order).</summary>
    internal static Tensor Compose(Tensor leaves, BinaryTree tree, Tensor weight, Tensor? bias) => tree switch
    {
        BinaryTree.LeafNode leaf => leaves[leaf.Index],
        BinaryTree.InnerNode node => Functional.Linear(Tensor.Cat([Compose(leaves, node.Left, weight, bias), Compose(leaves, node.Right, weight, bias)]), weight, bias).Tanh(),
        _ => throw new ArgumentException($"RecursiveNetwork: unknown tree node {tree}."),
    };

    protected override string ExtraRepr() => $"{HiddenSize}{(Bias is null ? ", bias=False" : "")}";
}
