namespace Sharpgrad.Classic;

/// <summary>
/// One binary problem of an <see cref="SVC"/> fit: the training rows it reads and their signs yₜ (+1 for the problem's
/// positive class, −1 for the rest). With two classes both strategies give the same single problem, all rows, positive
/// = the second class.
/// </summary>
internal sealed record SvcBinaryProblem(int[] Rows, double[] Signs)
{
    /// <summary>One problem per class (that class +1, every other row −1), in class order.</summary>
    public static SvcBinaryProblem[] OneVsRest(long[] labels, int classCount)
    {
        var all = Enumerable.Range(0, labels.Length).ToArray();
        var positives = classCount == 2 ? [1] : Enumerable.Range(0, classCount).ToArray();
        return [.. positives.Select(positive => new SvcBinaryProblem(all, [.. labels.Select(label => label == positive ? 1.0 : -1.0)]))];
    }

    /// <summary>
    /// One problem per pair of classes s &lt; t, in <see cref="OneVsOneVoting.Pairs"/>' order, on the rows of s and t
    /// only, in index order: t is +1 and s is −1, so a positive decision value votes for t. The rows are grouped by
    /// class once, so the K(K−1)/2 problems cost O(KN) together, not a scan of every label per pair.
    /// </summary>
    public static SvcBinaryProblem[] OneVsOne(long[] labels, int classCount)
    {
        var byClass = RowsByClass(labels, classCount);
        var pairs = OneVsOneVoting.Pairs(classCount);
        var problems = new SvcBinaryProblem[pairs.Length];
        for (int p = 0; p < pairs.Length; p++) problems[p] = Merged(byClass[pairs[p].First], byClass[pairs[p].Second]);
        return problems;
    }

    /// <summary>Whether the problem reads every one of the <paramref name="trainingRows"/> rows (its rows are distinct).</summary>
    public bool CoversAll(int trainingRows) => Rows.Length == trainingRows;

    // The row indices of each class, ascending.
    private static int[][] RowsByClass(long[] labels, int classCount)
    {
        var counts = new int[classCount];
        foreach (long label in labels) counts[label]++;
        var byClass = new int[classCount][];
        for (int c = 0; c < classCount; c++) byClass[c] = new int[counts[c]];
        var filled = new int[classCount];
        for (int r = 0; r < labels.Length; r++) byClass[labels[r]][filled[labels[r]]++] = r;
        return byClass;
    }

    // The rows of s (−1) and t (+1) merged in index order.
    private static SvcBinaryProblem Merged(int[] negative, int[] positive)
    {
        var rows = new int[negative.Length + positive.Length];
        var signs = new double[rows.Length];
        int a = 0, b = 0;
        for (int r = 0; r < rows.Length; r++)
        {
            bool takePositive = a == negative.Length || (b < positive.Length && positive[b] < negative[a]);
            (rows[r], signs[r]) = takePositive ? (positive[b++], 1.0) : (negative[a++], -1.0);
        }
        return new SvcBinaryProblem(rows, signs);
    }
}
