namespace Sharpgrad.Classic;

/// <summary>
/// A binary tree of axis-aligned splits grown by CART (Breiman et al. 1984; GBC §5.7.3), shared by
/// <see cref="DecisionTreeClassifier"/> and <see cref="DecisionTreeRegressor"/>.
/// <para>
/// Each example carries a row of statistics whose sums describe a node: one-hot class indicators for
/// classification (sums = class counts), y and y² for regression (sums give the variance). An impurity function of
/// (sums, count) scores a node. Growing is greedy: at each node every feature's sorted values are scanned once, left
/// to right, keeping running sums for the left part, and the split with the lowest size-weighted impurity of its two
/// children wins; its threshold is the midpoint between two consecutive distinct values, as in scikit-learn.
/// A node becomes a leaf when it is pure, at maxDepth, too small to split, or when no split leaves minSamplesLeaf
/// on both sides. The leaf's value is the mean statistics row (class frequencies, or the mean of y).
/// </para>
/// <para>
/// Growing loops over candidate thresholds on the host — it is a sequential search, not array arithmetic. Prediction
/// is tensor ops: all rows descend one level per step by gathering their node's feature and threshold.
/// </para>
/// </summary>
internal sealed class CartTree
{
    private readonly List<int> feature = [], left = [], right = [];
    private readonly List<double> threshold = [];
    private readonly List<double[]> value = [];

    private CartTree() { }

    /// <summary>The number of leaves.</summary>
    public int LeafCount { get; private set; }

    /// <summary>The length of the longest root-to-leaf path (0 for a single leaf).</summary>
    public int Depth { get; private set; }

    private Tensor? featureT, thresholdT, leftT, rightT, valueT;

    /// <summary>Grows a tree on float64 features [N, D] and per-example statistics [N, S].</summary>
    public static CartTree Grow(Tensor x, Tensor statistics, Func<double[], int, double> impurity, int? maxDepth, int minSamplesLeaf, int minSamplesSplit)
    {
        var tree = new CartTree();
        var growth = new Growth(x, statistics, impurity, maxDepth, minSamplesLeaf, minSamplesSplit, tree);
        growth.Node(Enumerable.Range(0, x.Size(0)).ToArray(), 0);
        tree.featureT = Tensor.FromArray(tree.feature.Select(f => (long)f).ToArray());
        tree.thresholdT = Tensor.FromArray(tree.threshold.ToArray());
        tree.leftT = Tensor.FromArray(tree.left.Select(i => (long)i).ToArray());
        tree.rightT = Tensor.FromArray(tree.right.Select(i => (long)i).ToArray());
        tree.valueT = Tensor.Stack(tree.value.Select(v => Tensor.FromArray(v)).ToList(), 0);
        return tree;
    }

    /// <summary>The leaf value [N, S] reached by each row of <paramref name="x"/>.</summary>
    public Tensor Predict(Tensor x)
    {
        var node = Tensor.Zeros([x.Size(0)], DType.Int64);                // every row starts at the root
        for (int level = 0; level < Depth; level++)
        {
            var goesLeft = x.Gather(1, featureT!.IndexSelect(0, node).Unsqueeze(1)).Squeeze([1]).Le(thresholdT!.IndexSelect(0, node));
            node = Tensor.Where(goesLeft, leftT!.IndexSelect(0, node), rightT!.IndexSelect(0, node)); // leaves point to themselves
        }
        return valueT!.IndexSelect(0, node);
    }

    private int AddNode(double[] nodeValue)
    {
        int id = feature.Count;
        feature.Add(0);
        threshold.Add(0);
        left.Add(id);
        right.Add(id);
        value.Add(nodeValue);
        return id;
    }

    /// <summary>The state of one growing pass: the data on the host and the stopping rules.</summary>
    private sealed class Growth(Tensor x, Tensor statistics, Func<double[], int, double> impurity, int? maxDepth, int minSamplesLeaf, int minSamplesSplit, CartTree tree)
    {
        private readonly double[] xs = x.ToDoubleArray();
        private readonly double[] stats = statistics.ToDoubleArray();
        private readonly int d = x.Size(1), s = statistics.Size(1);

        public int Node(int[] samples, int depth)
        {
            int n = samples.Length;
            var sums = SumRows(samples);
            int id = tree.AddNode(sums.Select(v => v / n).ToArray());
            tree.Depth = Math.Max(tree.Depth, depth);
            bool mustStop = depth == maxDepth || n < minSamplesSplit || n < 2 * minSamplesLeaf || impurity(sums, n) <= 1e-12;
            if (mustStop || BestSplit(samples, sums) is not { } split)
            {
                tree.LeafCount++;
                return id;
            }
            var leftSamples = samples.Where(i => xs[i * d + split.Feature] <= split.Threshold).ToArray();
            var rightSamples = samples.Where(i => xs[i * d + split.Feature] > split.Threshold).ToArray();
            tree.feature[id] = split.Feature;
            tree.threshold[id] = split.Threshold;
            tree.left[id] = Node(leftSamples, depth + 1);
            tree.right[id] = Node(rightSamples, depth + 1);
            return id;
        }

        private (int Feature, double Threshold)? BestSplit(int[] samples, double[] sums)
        {
            int n = samples.Length;
            (int Feature, double Threshold)? best = null;
            double bestCost = double.PositiveInfinity;
            var leftSums = new double[s];
            var rightSums = new double[s];
            for (int j = 0; j < d; j++)
            {
                var order = samples.OrderBy(i => xs[i * d + j]).ToArray();
                Array.Clear(leftSums);
                for (int k = 0; k < n - 1; k++)
                {
                    AddRow(leftSums, order[k]);
                    int nLeft = k + 1, nRight = n - nLeft;
                    double here = xs[order[k] * d + j], next = xs[order[k + 1] * d + j];
                    if (here == next || nLeft < minSamplesLeaf || nRight < minSamplesLeaf) continue;   // no threshold separates equal values
                    for (int c = 0; c < s; c++) rightSums[c] = sums[c] - leftSums[c];
                    double cost = (nLeft * impurity(leftSums, nLeft) + nRight * impurity(rightSums, nRight)) / n;
                    if (cost < bestCost - 1e-12)
                    {
                        bestCost = cost;
                        best = (j, here + (next - here) / 2);
                    }
                }
            }
            return best;
        }

        private double[] SumRows(int[] samples)
        {
            var sums = new double[s];
            foreach (int i in samples) AddRow(sums, i);
            return sums;
        }

        private void AddRow(double[] sums, int row)
        {
            for (int c = 0; c < s; c++) sums[c] += stats[row * s + c];
        }
    }
}
