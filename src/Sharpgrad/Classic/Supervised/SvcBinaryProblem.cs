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
    /// only: t is +1 and s is −1, so a positive decision value votes for t.
    /// </summary>
    public static SvcBinaryProblem[] OneVsOne(long[] labels, int classCount) =>
    [
        .. OneVsOneVoting.Pairs(classCount).Select(pair =>
        {
            var rows = Enumerable.Range(0, labels.Length).Where(t => labels[t] == pair.First || labels[t] == pair.Second).ToArray();
            return new SvcBinaryProblem(rows, [.. rows.Select(t => labels[t] == pair.Second ? 1.0 : -1.0)]);
        }),
    ];
}
