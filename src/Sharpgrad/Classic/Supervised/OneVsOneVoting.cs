namespace Sharpgrad.Classic;

/// <summary>
/// Turns the decision values f [N, K(K−1)/2] of one-vs-one binary problems into a class per row. Problem p separates
/// the pair (s, t) = Pairs[p], s &lt; t, and f &gt; 0 favours t (<see cref="SvcBinaryProblem.OneVsOne"/>).
/// </summary>
internal static class OneVsOneVoting
{
    /// <summary>The pairs (s, t), s &lt; t, in LIBSVM's order: (0, 1), (0, 2), …, (0, K−1), (1, 2), …</summary>
    public static IEnumerable<(int First, int Second)> Pairs(int classCount) =>
        from s in Enumerable.Range(0, classCount)
        from t in Enumerable.Range(s + 1, classCount - s - 1)
        select (s, t);

    /// <summary>
    /// Votes [N, K]: each problem gives one vote, to t where f &gt; 0, else to s (Hsu &amp; Lin 2002, "max wins").
    /// LIBSVM predicts the class with the most votes, ties to the lowest class index.
    /// </summary>
    public static Tensor Votes(Tensor decision, int classCount)
    {
        var (toFirst, toSecond) = Incidence(classCount);
        var wins = decision.Gt(0).Double();
        return wins.MatMul(toSecond) + (1 - wins).MatMul(toFirst);
    }

    /// <summary>
    /// Class scores [N, K] with the votes' order: votes + c / (3(|c| + 1)), c = the sum of the decision values for a
    /// class minus those against it. The second term lies in (−⅓, ⅓), so it only orders classes with equal votes. This is
    /// scikit-learn's SVC.decision_function with decision_function_shape='ovr' (its default) for a one-vs-one model.
    /// </summary>
    public static Tensor Scores(Tensor decision, int classCount)
    {
        var (toFirst, toSecond) = Incidence(classCount);
        var confidence = decision.MatMul(toSecond - toFirst);
        return Votes(decision, classCount) + confidence / (3 * (confidence.Abs() + 1));
    }

    // [P, K] matrices with a 1 at (p, s) and at (p, t) respectively.
    private static (Tensor ToFirst, Tensor ToSecond) Incidence(int classCount)
    {
        var pairs = Pairs(classCount).ToArray();
        var (first, second) = (new double[pairs.Length * classCount], new double[pairs.Length * classCount]);
        for (int p = 0; p < pairs.Length; p++)
        {
            first[p * classCount + pairs[p].First] = 1;
            second[p * classCount + pairs[p].Second] = 1;
        }
        return (Tensor.FromArray(first, pairs.Length, classCount), Tensor.FromArray(second, pairs.Length, classCount));
    }
}
