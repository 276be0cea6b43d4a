using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Recurrent.Variants;

/// <summary>The recursive network (GBC §10.6) on trees small enough to compute by hand.</summary>
public class RecursiveNetworkTests
{
    // H = 2: W [2, 4] reads [left; right], b [2].
    private static readonly double[,] W = { { 0.5, -0.25, 1.0, 0.0 }, { 0.0, 0.75, -0.5, 0.25 } };
    private static readonly double[] B = [0.1, -0.2];

    private static RecursiveNetwork Network()
    {
        var net = new RecursiveNetwork(2, dtype: DType.Float64);
        net.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["weight"] = Tensor.FromArray(new[] { 0.5, -0.25, 1.0, 0.0, 0.0, 0.75, -0.5, 0.25 }, 2, 4),
            ["bias"] = Tensor.FromArray(B, 2),
        });
        return net;
    }

    /// <summary>tanh(W [l; r] + b), one row at a time.</summary>
    private static double[] Compose(double[] left, double[] right)
    {
        double[] input = [.. left, .. right];
        return [.. Enumerable.Range(0, 2).Select(i => Math.Tanh(B[i] + Enumerable.Range(0, 4).Sum(j => W[i, j] * input[j])))];
    }

    [Fact]
    public void ThreeNodeTreeIsOneCompositionOfItsLeaves()
    {
        var leaves = Tensor.FromArray(new[] { 1.0, 2.0, -1.0, 0.5 }, 2, 2);
        var root = Network().Forward(leaves, BinaryTree.Node(BinaryTree.Leaf(0), BinaryTree.Leaf(1)));
        // W [1, 2, -1, 0.5] + b = [0.5 - 0.5 - 1 + 0 + 0.1, 0 + 1.5 + 0.5 + 0.125 - 0.2] = [-0.9, 1.925].
        Close([Math.Tanh(-0.9), Math.Tanh(1.925)], root, 1e-15);
    }

    [Fact]
    public void DeeperTreesComposeBottomUp()
    {
        double[][] leaf = [[1.0, 2.0], [-1.0, 0.5], [0.3, -0.7]];
        var leaves = Tensor.FromArray(leaf.SelectMany(l => l).ToArray(), 3, 2);
        var tree = BinaryTree.Node(BinaryTree.Node(BinaryTree.Leaf(0), BinaryTree.Leaf(1)), BinaryTree.Leaf(2));
        Assert.Equal("((0 1) 2)", tree.ToString());
        Close(Compose(Compose(leaf[0], leaf[1]), leaf[2]), Network().Forward(leaves, tree), 1e-15);
        // The same leaves in the other bracketing give another vector: the tree is part of the input.
        var other = BinaryTree.Node(BinaryTree.Leaf(0), BinaryTree.Node(BinaryTree.Leaf(1), BinaryTree.Leaf(2)));
        Close(Compose(leaf[0], Compose(leaf[1], leaf[2])), Network().Forward(leaves, other), 1e-15);
        // One leaf is its own root.
        Close(leaf[2], Network().Forward(leaves, BinaryTree.Leaf(2)), 0);
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        var net = new RecursiveNetwork(2);
        var tree = BinaryTree.Node(BinaryTree.Leaf(0), BinaryTree.Leaf(3));
        Assert.Contains("refers to leaf 3, but leaves has 2 rows", Assert.Throws<ArgumentException>(() => net.Forward(Tensor.Zeros(2, 2), tree)).Message);
        Assert.Contains("leaves must be [L, 2], got shape [2, 3]", Assert.Throws<ArgumentException>(() => net.Forward(Tensor.Zeros(2, 3), tree)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => BinaryTree.Leaf(-1));
    }
}
