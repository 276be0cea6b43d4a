namespace Sharpgrad.NN;

/// <summary>
/// A binary tree for a <see cref="RecursiveNetwork"/>: a leaf names a row of the leaf-vector matrix (a word of a parsed
/// sentence, say), an inner node joins two subtrees. "((0 1) 2)" is <c>Node(Node(Leaf(0), Leaf(1)), Leaf(2))</c>.
/// </summary>
public abstract record BinaryTree
{
    private BinaryTree() { }

    public static BinaryTree Leaf(int index) => index >= 0
        ? new LeafNode(index)
        : throw new ArgumentOutOfRangeException(nameof(index), $"BinaryTree.Leaf: the leaf index must be non-negative, got {index}.");

    public static BinaryTree Node(BinaryTree left, BinaryTree right) =>
        new InnerNode(left ?? throw new ArgumentNullException(nameof(left)), right ?? throw new ArgumentNullException(nameof(right)));

    /// <summary>The largest leaf index in the tree.</summary>
    public abstract int MaxLeaf { get; }

    /// <summary>A leaf: row <see cref="Index"/> of the leaf vectors.</summary>
    public sealed record LeafNode(int Index) : BinaryTree
    {
        public override int MaxLeaf => Index;

        public override string ToString() => Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>An inner node with its two children.</summary>
    public sealed record InnerNode(BinaryTree Left, BinaryTree Right) : BinaryTree
    {
        public override int MaxLeaf => Math.Max(Left.MaxLeaf, Right.MaxLeaf);

        public override string ToString() => $"({Left} {Right})";
    }
}
