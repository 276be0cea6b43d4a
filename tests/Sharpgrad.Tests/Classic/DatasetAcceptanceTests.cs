using Sharpgrad.Classic;
using Sharpgrad.Data;

namespace Sharpgrad.Tests.Classic;

/// <summary>The acceptance numbers on the UCI data sets that ship with the library.</summary>
public class DatasetAcceptanceTests
{
    private static CrossValidationResult IrisCv(Func<IClassifier> factory)
    {
        var (x, y) = ClassicData.Iris();
        return CrossValidation.Score(factory, x, y, new StratifiedKFold(5, shuffle: true, seed: 0));
    }

    [Fact]
    public void IrisLogisticRegressionCrossValidatesAbove93Percent()
    {
        var cv = IrisCv(() => new Pipeline(new StandardScaler(), new LogisticRegression(alpha: 1e-3)));
        Assert.Equal(5, cv.FoldScores.Length);
        Assert.True(cv.Mean >= 0.93, $"mean accuracy {cv.Mean}");
    }

    [Fact]
    public void IrisRbfSvmCrossValidatesAbove93Percent()
    {
        var cv = IrisCv(() => new Pipeline(new StandardScaler(), new SVC(SvmKernel.Rbf, c: 1)));
        Assert.True(cv.Mean >= 0.93, $"mean accuracy {cv.Mean}");
    }

    [Fact]
    public void IrisKNeighborsCrossValidatesAbove93Percent()
    {
        // All four Iris features are lengths in centimetres, so raw Euclidean distance already weighs them fairly.
        var cv = IrisCv(() => new KNeighborsClassifier(5));
        Assert.True(cv.Mean >= 0.93, $"mean accuracy {cv.Mean}");
    }

    [Fact]
    public void IrisDecisionTreeCrossValidatesAbove93Percent()
    {
        // Trees are scale-invariant: no standardisation.
        var cv = IrisCv(() => new DecisionTreeClassifier(maxDepth: 4));
        Assert.True(cv.Mean >= 0.93, $"mean accuracy {cv.Mean}");
    }

    [Fact]
    public void DigitsRbfSvmAndKNeighborsOnAn80To20Split()
    {
        var data = Datasets.Digits();
        var split = TrainTestSplit.Stratified(data.Inputs, data.Targets, testFraction: 0.2, seed: 0);
        // Digits are already scaled to [0, 1]; γ defaults to scikit-learn's "scale".
        var svm = new SVC(SvmKernel.Rbf, c: 10).Fit(split.XTrain, split.YTrain);
        double svmAccuracy = svm.Score(split.XTest, split.YTest);
        Assert.True(svmAccuracy >= 0.97, $"SVM accuracy {svmAccuracy}");
        double knnAccuracy = new KNeighborsClassifier(3).Fit(split.XTrain, split.YTrain).Score(split.XTest, split.YTest);
        Assert.True(knnAccuracy >= 0.96, $"kNN accuracy {knnAccuracy}");
    }

    [Fact]
    public void BreastCancerLogisticRegressionAbove94Percent()
    {
        var data = Datasets.BreastCancer();
        var split = TrainTestSplit.Stratified(data.Inputs, data.Targets, testFraction: 0.25, seed: 0);
        var (train, test) = ClassicData.Standardise(split.XTrain, split.XTest);
        var model = new LogisticRegression(alpha: 1e-2).Fit(train, split.YTrain);
        double accuracy = model.Score(test, split.YTest);
        Assert.True(accuracy >= 0.94, $"accuracy {accuracy}");
        // The probabilities rank well too: a good screening test has ROC AUC near 1.
        var pBenign = model.PredictProba(test)[.., 1];
        Assert.True(ClassificationMetrics.RocAuc(split.YTest, pBenign) > 0.97);
    }

    [Fact]
    public void RejectingUnconfidentDigitsTradesCoverageForAccuracy()
    {
        // GBC §11.1: a model that may abstain is more accurate on what it answers. Gaussian naive Bayes is a weak
        // digit classifier, which makes the trade visible: answering only its confident half must beat answering all.
        var data = Datasets.Digits();
        var split = TrainTestSplit.Stratified(data.Inputs, data.Targets, testFraction: 0.2, seed: 0);
        var model = new GaussianNB(varSmoothing: 1e-2);
        model.Fit(split.XTrain, split.YTrain);
        var proba = model.PredictProba(split.XTest);
        var confidence = proba.Max(1).Values;
        var predicted = model.Predict(split.XTest);
        var (all, fullCoverage) = ClassificationMetrics.AccuracyAtCoverage(split.YTest, predicted, confidence, 0);
        double median = confidence.ToDoubleArray().Order().ElementAt(confidence.Size(0) / 2);
        var (confident, coverage) = ClassificationMetrics.AccuracyAtCoverage(split.YTest, predicted, confidence, median);
        Assert.Equal(1.0, fullCoverage);
        Assert.Equal(ClassificationMetrics.Accuracy(split.YTest, predicted), all, 12);
        Assert.InRange(coverage, 0.4, 0.9);
        Assert.True(confident > all, $"accuracy {confident} at coverage {coverage} vs {all} at full coverage");
    }
}
