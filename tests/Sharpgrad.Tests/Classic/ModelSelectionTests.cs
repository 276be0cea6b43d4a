using Sharpgrad.Classic;

namespace Sharpgrad.Tests.Classic;

public class ModelSelectionTests
{
    [Fact]
    public void KFoldPartitionsTheExamplesWithScikitLearnsFoldSizes()
    {
        var folds = new KFold(3).Split(10);
        Assert.Equal(new[] { 4, 3, 3 }, folds.Select(f => f.Test.Length));
        Assert.Equal(Enumerable.Range(0, 10), folds.SelectMany(f => f.Test).Order());        // each example tested once
        foreach (var fold in folds)
            Assert.Equal(Enumerable.Range(0, 10), fold.Train.Concat(fold.Test).Order());    // train = the rest
        Assert.Equal(new[] { 0, 1, 2, 3 }, folds[0].Test);                                  // unshuffled: contiguous
    }

    [Fact]
    public void ShuffledKFoldIsReproducibleForASeed()
    {
        var a = new KFold(5, shuffle: true, seed: 7).Split(20);
        var b = new KFold(5, shuffle: true, seed: 7).Split(20);
        var c = new KFold(5, shuffle: true, seed: 8).Split(20);
        Assert.Equal(a.Select(f => f.Test), b.Select(f => f.Test));
        Assert.NotEqual(a.Select(f => string.Join(",", f.Test)), c.Select(f => string.Join(",", f.Test)));
    }

    [Fact]
    public void StratifiedKFoldKeepsTheClassProportions()
    {
        var (_, y) = ClassicData.Iris();                                    // 50 of each class, sorted by class
        var folds = new StratifiedKFold(5, shuffle: true, seed: 0).Split(150, y);
        var labels = y.ToArray<long>();
        foreach (var fold in folds)
            Assert.Equal(new[] { 10, 10, 10 }, fold.Test.GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Fact]
    public void TrainTestSplitsAreSeededAndStratifiedKeepsProportions()
    {
        var (x, y) = ClassicData.Iris();
        var a = TrainTestSplit.Split(x, y, 0.2, seed: 3);
        var b = TrainTestSplit.Split(x, y, 0.2, seed: 3);
        Assert.Equal([120, 4], a.XTrain.Shape);
        Assert.Equal([30], a.YTest.Shape);
        Assert.True(a.XTest.AllClose(b.XTest));
        var s = TrainTestSplit.Stratified(x, y, 0.2, seed: 3);
        Assert.Equal(new long[] { 10, 10, 10 }, Tensor.OneHot(s.YTest, 3).Sum(0).ToArray<long>());
        // The rows travel with their labels: the first test row's features equal the dataset row with that content.
        Assert.Equal(150, s.XTrain.Size(0) + s.XTest.Size(0));
    }

    [Fact]
    public void CrossValidationReportsStandardErrorAndA95PercentInterval()
    {
        // GBC §5.4.2: SE = s/√k with the sample standard deviation s; CI = mean ± 1.96 SE.
        var summary = CrossValidation.Summarise([0.8, 0.9, 1.0, 0.9]);
        double s = Math.Sqrt((0.01 + 0 + 0.01 + 0) / 3);
        Assert.Equal(0.9, summary.Mean, 12);
        Assert.Equal(s / 2, summary.StandardError, 12);
        Assert.Equal(0.9 - 1.96 * s / 2, summary.Lower95, 12);
        Assert.Equal(0.9 + 1.96 * s / 2, summary.Upper95, 12);
    }

    [Fact]
    public void CrossValidationFitsAFreshModelPerFold()
    {
        var (x, y) = ClassicData.Iris();
        int created = 0;
        var cv = CrossValidation.Score(() => { created++; return new GaussianNB(); }, x, y, new StratifiedKFold(3, shuffle: true));
        Assert.Equal(3, created);
        Assert.Equal(3, cv.FoldScores.Length);
        Assert.Equal(cv.FoldScores.Average(), cv.Mean, 12);
        Assert.True(cv.Mean > 0.9);
    }

    [Fact]
    public void CrossValidationOfARegressorScoresR2()
    {
        var x = Tensor.Randn([40, 2], DType.Float64, new Generator(1));
        var y = x[.., 0] - 2 * x[.., 1];
        var cv = CrossValidation.Score(() => new Ridge(1e-6), x, y);
        Assert.All(cv.FoldScores, r2 => Assert.True(r2 > 0.999999));
    }
}
