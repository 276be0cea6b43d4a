using Sharpgrad.Optim;
using Sharpgrad.Training;

namespace Sharpgrad.Tests.Training;

/// <summary>Grid and random hyper-parameter search, GBC §11.4.3–11.4.4.</summary>
public class SearchTests
{
    [Fact]
    public void GridSearchEnumeratesTheCartesianProductInOdometerOrder()
    {
        var space = new SearchSpace(
            Hyperparameter.Categorical("lr", 0.1, 0.01),
            Hyperparameter.Categorical("hidden", "32", "64,32", "128"));
        var trials = GridSearch.Trials(space);

        Assert.Equal(6, trials.Count);
        Assert.Equal(Enumerable.Range(1, 6), trials.Select(t => t.Number));
        Assert.Equal(
            ["lr=0.1, hidden=32", "lr=0.1, hidden=64,32", "lr=0.1, hidden=128", "lr=0.01, hidden=32", "lr=0.01, hidden=64,32", "lr=0.01, hidden=128"],
            trials.Select(t => t.ToString()));
        Assert.Equal(0.01, trials[4].Get<double>("lr"));

        var error = Assert.Throws<ArgumentException>(() => GridSearch.Trials(new SearchSpace(Hyperparameter.LogUniform("lr", 1e-4, 1))));
        Assert.Contains("'lr'", error.Message);
    }

    [Fact]
    public void RandomSearchIsDeterministicPerSeedAndLogUniformSamplesLieInRange()
    {
        var space = new SearchSpace(
            Hyperparameter.LogUniform("lr", 1e-4, 1e-1),
            Hyperparameter.Uniform("dropout", 0, 0.5),
            Hyperparameter.Categorical("optimizer", "sgd", "adam"));
        const int n = 2000;

        var first = RandomSearch.Trials(space, n, seed: 42);
        Assert.Equal(first.Select(t => t.ToString()), RandomSearch.Trials(space, n, seed: 42).Select(t => t.ToString()));
        Assert.NotEqual(first[0].ToString(), RandomSearch.Trials(space, n, seed: 43)[0].ToString());

        var lr = first.Select(t => t.Get<double>("lr")).ToArray();
        Assert.All(lr, v => Assert.InRange(v, 1e-4, 1e-1));
        Assert.All(first, t => Assert.InRange(t.Get<double>("dropout"), 0, 0.5));
        // log₁₀ lr is uniform on [−4, −1): each decade holds a third of the samples (± 4 binomial standard errors).
        double se = Math.Sqrt(1.0 / 3 * 2 / 3 / n);
        foreach (var decade in new[] { -4, -3, -2 })
            Assert.InRange(lr.Count(v => Math.Log10(v) >= decade && Math.Log10(v) < decade + 1) / (double)n, 1.0 / 3 - 4 * se, 1.0 / 3 + 4 * se);
        Assert.InRange(first.Count(t => t.Get<string>("optimizer") == "adam") / (double)n, 0.5 - 4 * Math.Sqrt(0.25 / n), 0.5 + 4 * Math.Sqrt(0.25 / n));

        Assert.Throws<ArgumentException>(() => Hyperparameter.LogUniform("lr", 0, 1));
        Assert.Throws<ArgumentException>(() => new SearchSpace(Hyperparameter.Uniform("a", 0, 1), Hyperparameter.Uniform("a", 1, 2)));
    }

    [Fact]
    public void EachTrialIsAFitAndTheTableIsSortedByTheValidationMetric()
    {
        var train = SmallProblems.Blobs(40, seed: 1);
        var validation = SmallProblems.Blobs(20, seed: 2);
        var trials = GridSearch.Trials(new SearchSpace(Hyperparameter.Categorical("lr", 0.0, 0.3, 0.03), Hyperparameter.Categorical("note", "a,b")));

        var results = HyperparameterSearch.Run(trials, trial =>
        {
            var model = SmallProblems.Mlp(seed: 3);
            return new Trainer().Fit(model, SmallProblems.CrossEntropy, new SGD(model.Parameters(), lr: trial.Get<double>("lr"), momentum: 0.9),
                train, validation, epochs: 3, batchSize: 10);
        }, TrainingMetric.ValidationLoss);

        // lr = 0 never moves, so it must rank last; the ranking is by the best epoch's validation loss, ascending.
        Assert.Equal(0.0, results.Ranked[^1].Trial.Get<double>("lr"));
        Assert.Equal(results.Ranked.Select(r => r.Score).Order(), results.Ranked.Select(r => r.Score));
        Assert.All(results.Ranked, r => Assert.Equal(r.History.Best(TrainingMetric.ValidationLoss).ValidationLoss, r.Score));

        var lines = results.ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("rank,trial,lr,note,validation_loss,best_epoch,epochs,train_loss,validation_accuracy", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith($"1,{results.Best.Trial.Number},", lines[1]);
        Assert.Contains(",\"a,b\",", lines[1]); // values with commas are quoted
    }

    [Fact]
    public void ADivergedTrialRanksLastInsteadOfStoppingTheSearch()
    {
        static TrainingHistory Scripted(params double[] validationLoss)
        {
            var history = new TrainingHistory();
            for (int e = 0; e < validationLoss.Length; e++)
                history.Add(new EpochRecord(e + 1, e + 1, 1, double.NaN, validationLoss[e], double.NaN, 0.1));
            return history;
        }

        var trials = GridSearch.Trials(new SearchSpace(Hyperparameter.Categorical("run", "diverged", "fine", "better")));
        var results = HyperparameterSearch.Run(trials, t => t.Get<string>("run") switch
        {
            "diverged" => Scripted(double.NaN, double.NaN),
            "fine" => Scripted(0.9, 0.5, double.NaN),
            _ => Scripted(0.4, 0.3),
        }, TrainingMetric.ValidationLoss);

        Assert.Equal(["better", "fine", "diverged"], results.Ranked.Select(r => r.Trial.Get<string>("run")));
        Assert.Equal(2, results.Ranked[1].BestEpoch.Epoch); // NaN epochs never win
        Assert.True(double.IsNaN(results.Ranked[2].Score));
    }
}
