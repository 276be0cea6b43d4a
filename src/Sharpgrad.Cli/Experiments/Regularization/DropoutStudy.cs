using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Training;

namespace Sharpgrad.Cli.Experiments;

/// <summary>One dropout rate's run: cross-entropy on the training and test digits (eval mode) and their gap.</summary>
public sealed record DropoutRow(double Rate, double TrainLoss, double TestLoss, double TrainAccuracy, double TestAccuracy)
{
    public double Gap => TestLoss - TrainLoss;
}

/// <summary>
/// What <see cref="DropoutStudy"/> measured: one row per rate, and for the model with the largest rate the MC-dropout
/// predictive variance (summed over classes, averaged over inputs) on test digits and on out-of-distribution inputs.
/// </summary>
public sealed record DropoutResult(IReadOnlyList<DropoutRow> Rows, double InDistributionVariance, double NoiseVariance, double InvertedVariance);

/// <summary>
/// Dropout (GBC §7.12; Srivastava et al. 2014): an MLP 64→H→H→10 with dropout of rate p after each hidden layer is
/// trained on 200 digits with Adam; larger p shrinks the generalisation gap, the test minus the training
/// cross-entropy measured in eval mode (dropout off, PyTorch's inverted dropout needs no weight rescaling). Then, keeping
/// dropout on at test time and averaging T stochastic passes (MC dropout, Gal &amp; Ghahramani 2016), the spread of the
/// passes' softmax outputs is an uncertainty: it is larger on inputs unlike the training digits — uniform noise images
/// and inverted digits 1 − x — than on held-out digits.
/// </summary>
public static class DropoutStudy
{
    public const int TrainSize = 200, BatchSize = 20, Passes = 30, OutOfDistributionCount = 300;

    public static DropoutResult Run(double[] rates, int hidden, int epochs, int seed = 0)
    {
        if (rates.Length == 0) throw new ArgumentException("DropoutStudy: give at least one dropout rate.", nameof(rates));
        var (train, test) = Datasets.Digits().Split(TrainSize / 1797.0, seed);
        var rows = new List<DropoutRow>();
        Sequential? last = null;
        foreach (double rate in rates)
        {
            var generator = new Generator(seed);
            var model = new Sequential(
                new Linear(64, hidden, generator: generator), new ReLU(), new Dropout(rate, generator),
                new Linear(hidden, hidden, generator: generator), new ReLU(), new Dropout(rate, generator),
                new Linear(hidden, 10, generator: generator));
            new Trainer().Fit(model, (logits, y) => Losses.CrossEntropy(logits, y), new Adam(model.Parameters(), lr: 1e-3), train,
                epochs: epochs, batchSize: BatchSize, seed: seed);
            var (trainLoss, trainAccuracy) = Metrics.Evaluate(model, train);
            var (testLoss, testAccuracy) = Metrics.Evaluate(model, test);
            rows.Add(new DropoutRow(rate, trainLoss, testLoss, trainAccuracy, testAccuracy));
            last = model;
        }
        var digits = test.Inputs.Narrow(0, 0, Math.Min(OutOfDistributionCount, test.Count));
        var noise = Tensor.Rand([OutOfDistributionCount, 64], DType.Float32, new Generator(seed + 1));
        return new DropoutResult(rows, PredictiveVariance(last!, digits), PredictiveVariance(last!, noise), PredictiveVariance(last!, 1 - digits));
    }

    /// <summary>
    /// MC dropout: <see cref="Passes"/> forward passes with dropout on; the variance over passes of each class
    /// probability, summed over classes and averaged over the inputs. Zero for a model without dropout.
    /// </summary>
    public static double PredictiveVariance(Module<Tensor, Tensor> model, Tensor inputs)
    {
        model.Train();
        using (Autograd.NoGrad())
        {
            var passes = Tensor.Stack([.. Enumerable.Range(0, Passes).Select(_ => model.Forward(inputs).Softmax(1))]);   // [T, N, 10]
            var variance = (passes - passes.Mean(0, keepdim: true)).Square().Mean(0);
            model.Eval();
            return variance.Sum(1).Mean().Item();
        }
    }
}
