namespace Sharpgrad.Classic;

/// <summary>The two parts of a split data set.</summary>
public sealed record TrainTestSplitResult(Tensor XTrain, Tensor XTest, Tensor YTrain, Tensor YTest);

/// <summary>
/// Holds out a test set (GBC §5.3): the examples are shuffled with a seeded <see cref="Generator"/> and the last
/// ⌈testFraction·N⌉ form the test set (scikit-learn rounds the test size up, too). The stratified variant shuffles
/// and splits every class separately, round(testFraction·N_c) of class c going to the test set, so both parts keep the
/// class proportions — important for small or imbalanced sets. (Its test size can differ from ⌈testFraction·N⌉ by the
/// per-class rounding; scikit-learn instead allocates the rounding remainder across classes.) The test rows keep the
/// shuffled order.
/// </summary>
public static class TrainTestSplit
{
    /// <summary>A seeded random split; <paramref name="y"/> may be labels or regression targets.</summary>
    public static TrainTestSplitResult Split(Tensor x, Tensor y, double testFraction = 0.25, long seed = 0)
    {
        Validate(x, y, testFraction, "TrainTestSplit.Split");
        var order = new Generator(seed).Permutation(x.Size(0));
        int test = TestCount(order.Length, testFraction);
        return Take(x, y, order[..^test], order[^test..]);
    }

    /// <summary>A seeded split that keeps each class's share in both parts (int64 labels).</summary>
    public static TrainTestSplitResult Stratified(Tensor x, Tensor y, double testFraction = 0.25, long seed = 0)
    {
        const string op = "TrainTestSplit.Stratified";
        Validate(x, y, testFraction, op);
        EstimatorInput.Labels(x, y, op);
        var generator = new Generator(seed);
        var train = new List<int>();
        var test = new List<int>();
        foreach (var members in IndicesByClass(y))
        {
            var shuffled = generator.Permutation(members.Length).Select(i => members[i]).ToArray();
            int count = (int)Math.Round(testFraction * members.Length);
            test.AddRange(shuffled[..count]);
            train.AddRange(shuffled[count..]);
        }
        if (test.Count == 0 || train.Count == 0)
            throw new ArgumentException($"{op}: testFraction {testFraction} leaves an empty part for {x.Size(0)} samples.");
        return Take(x, y, [.. train], [.. test]);
    }

    /// <summary>The example indices of each class, classes in ascending order.</summary>
    internal static int[][] IndicesByClass(Tensor y)
    {
        var labels = y.ToArray<long>();
        return Enumerable.Range(0, labels.Length).GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
    }

    /// <summary>The rows of <paramref name="t"/> at <paramref name="rows"/>.</summary>
    internal static Tensor Rows(Tensor t, int[] rows) => t.IndexSelect(0, Tensor.FromArray(rows.Select(i => (long)i).ToArray()));

    private static TrainTestSplitResult Take(Tensor x, Tensor y, int[] train, int[] test) =>
        new(Rows(x, train), Rows(x, test), Rows(y, train), Rows(y, test));

    private static int TestCount(int n, double testFraction)
    {
        int test = (int)Math.Ceiling(testFraction * n);
        if (test < 1 || test >= n)
            throw new ArgumentException($"TrainTestSplit: testFraction {testFraction} of {n} samples leaves an empty part.");
        return test;
    }

    private static void Validate(Tensor x, Tensor y, double testFraction, string op)
    {
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, $"{op}: testFraction must be in (0, 1), got {testFraction}.");
        if (x.Rank < 1 || y.Rank < 1 || x.Size(0) != y.Size(0))
            throw new ArgumentException($"{op}: X (shape {ShapeUtil.Format(x.Shape)}) and y (shape {ShapeUtil.Format(y.Shape)}) must have the same number of samples.");
    }
}
