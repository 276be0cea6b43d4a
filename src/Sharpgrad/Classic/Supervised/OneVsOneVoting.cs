using System.Runtime.CompilerServices;
namespace Sharpgrad.Classic;

/// <summary>
/// Turns the decision values f [N, K(K−1)/2] of one-vs-one binary problems into a class per row. Problem p separates
/// the pair (s, t) = Pairs[p], s &lt; t, and f &gt; 0 favours t (<see cref="SvcBinaryProblem.OneVsOne"/>).
/// </summary>
internal static class OneVsOneVoting
{
    /// <summary>The pairs (s, t), s &lt; t, in LIBSVM's order: (0, 1), (0, 2), …, (0, K−1), (1, 2), …</summary>
    // Plain loops rather than a LINQ query: every fit and predict runs this once, and on a cold run each LINQ
    // iterator over a tuple is another generic instantiation to compile first (issue #21, cold21).
    public static (int First, int Second)[] Pairs(int classCount)
    {
        var pairs = new (int First, int Second)[classCount * (classCount - 1) / 2];
        int p = 0;
        for (int s = 0; s < classCount; s++)
            for (int t = s + 1; t < classCount; t++) pairs[p++] = (s, t);
        return pairs;
    }

    /// <summary>
    /// The class each row of <paramref name="decision"/> [rows, K(K−1)/2] (row-major) votes for: the argmax of
    /// <see cref="Votes"/>, ties to the lowest class (LIBSVM), counted on the host in integers, which is what
    /// <see cref="SVC"/>'s Predict needs without building the vote matrix.
    /// </summary>
    // AggressiveOptimization on the fits' host loops: why, and what it costs, in docs/cold-fit-jit.md.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long[] Winners(double[] decision, int rows, int classCount)
    {
        var pairs = Pairs(classCount);
        if (decision.Length != rows * pairs.Length)
            throw new ArgumentException($"OneVsOneVoting.Winners: {decision.Length} decision values for {rows} rows of {pairs.Length} problems.");
        var winners = new long[rows];
        var votes = new int[classCount];
        for (int i = 0; i < rows; i++)
        {
            Array.Clear(votes);
            for (int p = 0; p < pairs.Length; p++) votes[decision[i * pairs.Length + p] > 0 ? pairs[p].Second : pairs[p].First]++;
            int best = 0;
            for (int c = 1; c < classCount; c++) if (votes[c] > votes[best]) best = c;
            winners[i] = best;
        }
        return winners;
    }

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
        var pairs = Pairs(classCount);
        var (first, second) = (new double[pairs.Length * classCount], new double[pairs.Length * classCount]);
        for (int p = 0; p < pairs.Length; p++)
        {
            first[p * classCount + pairs[p].First] = 1;
            second[p * classCount + pairs[p].Second] = 1;
        }
        return (Tensor.FromArray(first, pairs.Length, classCount), Tensor.FromArray(second, pairs.Length, classCount));
    }
}
