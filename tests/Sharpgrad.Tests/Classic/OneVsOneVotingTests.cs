using Sharpgrad.Classic;

namespace Sharpgrad.Tests.Classic;

/// <summary>
/// One-vs-one voting on hand-made decision rows (issue #21), three classes: the problems are the pairs (0, 1), (0, 2),
/// (1, 2), and f &gt; 0 votes for the pair's second class. Expected votes and scores are worked by hand.
/// </summary>
public class OneVsOneVotingTests
{
    [Fact]
    public void ACycleTiesTheVotesAndPredictTakesTheLowestClass()
    {
        // Row 0, f = [+1, −1, +1]: 1 beats 0, 0 beats 2, 2 beats 1, votes (1, 1, 1). The confidences
        // c₀ = −f₀₁ − f₀₂ = 0, c₁ = f₀₁ − f₁₂ = 0, c₂ = f₀₂ + f₁₂ = 0, so every score is exactly 1.
        // Row 1, f = [+1, −2, +0.5]: the same votes; c = (1, 0.5, −1.5), scores 1 + c/(3(|c| + 1)) = (1 + 1/6, 1 + 1/9,
        // 1 − 1/5): the confidence breaks the tie for class 0.
        var decision = Tensor.From(new double[,] { { 1, -1, 1 }, { 1, -2, 0.5 } });
        var votes = OneVsOneVoting.Votes(decision, 3);
        Assert.Equal(new double[] { 1, 1, 1, 1, 1, 1 }, votes.ToDoubleArray());
        Assert.Equal(new long[] { 0, 0 }, votes.ArgMax(1).ToArray<long>());      // SVC.Predict's tie: the lowest class
        var scores = OneVsOneVoting.Scores(decision, 3).ToDoubleArray();
        double[] expected = [1, 1, 1, 1 + 1.0 / 6, 1 + 1.0 / 9, 1 - 1.0 / 5];
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], scores[i], 12);
    }

    [Fact]
    public void AZeroDecisionVotesForThePairsFirstClass()
    {
        // f = 0 exactly votes for s, the pair's first class (f > 0 is needed for t). That is scikit-learn's
        // decision_function convention (_ovr_decision_function(dec < 0, …) with LIBSVM's dec = −f: dec = 0 votes for
        // the first class); LIBSVM's own svm_predict gives a zero to the second class (`if (dec > 0) ++vote[i]; else
        // ++vote[j];` with class i as +1). f = [0, 0, 0]: 0 gets two votes, 1 one, 2 none; all confidences are 0.
        var decision = Tensor.From(new double[,] { { 0, 0, 0 } });
        Assert.Equal(new double[] { 2, 1, 0 }, OneVsOneVoting.Votes(decision, 3).ToDoubleArray());
        Assert.Equal(new double[] { 2, 1, 0 }, OneVsOneVoting.Scores(decision, 3).ToDoubleArray());
    }

    [Fact]
    public void PairProblemsTakeTheTwoClassesRowsInIndexOrder()
    {
        // labels 2, 0, 1, 0, 2, 1: pair (0, 1) reads rows 1, 2, 3, 5 (class 1 is +1), (0, 2) rows 0, 1, 3, 4,
        // (1, 2) rows 0, 2, 4, 5.
        var problems = SvcBinaryProblem.OneVsOne([2, 0, 1, 0, 2, 1], 3);
        Assert.Equal(3, problems.Length);
        Assert.Equal([1, 2, 3, 5], problems[0].Rows);
        Assert.Equal([-1.0, 1, -1, 1], problems[0].Signs);
        Assert.Equal([0, 1, 3, 4], problems[1].Rows);
        Assert.Equal([1.0, -1, -1, 1], problems[1].Signs);
        Assert.Equal([0, 2, 4, 5], problems[2].Rows);
        Assert.Equal([1.0, -1, 1, -1], problems[2].Signs);
        Assert.False(problems[0].CoversAll(6));
        Assert.True(SvcBinaryProblem.OneVsOne([1, 0, 1], 2).Single().CoversAll(3));
    }

    [Fact]
    public void WinnersAreTheMostVotedClassWithTiesToTheLowest()
    {
        // Pairs (0, 1), (0, 2), (1, 2); f > 0 votes for the second class. Worked by hand:
        // [+1, −1, +1] is the cycle (votes 1, 1, 1) → 0; [0, 0, 0] gives votes (2, 1, 0) → 0;
        // [−1, +1, +1]: 0, 2, 2 → votes (1, 0, 2) → 2; [+1, −1, −1]: 1, 0, 1 → votes (1, 2, 0) → 1.
        double[] decision = [1, -1, 1, 0, 0, 0, -1, 1, 1, 1, -1, -1];
        Assert.Equal(new long[] { 0, 0, 2, 1 }, OneVsOneVoting.Winners(decision, 4, 3));
        Assert.Equal([(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)], OneVsOneVoting.Pairs(4));
        Assert.Throws<ArgumentException>(() => OneVsOneVoting.Winners(decision, 3, 3));
    }
}
