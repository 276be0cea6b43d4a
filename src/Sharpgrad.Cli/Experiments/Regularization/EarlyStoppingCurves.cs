using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Training;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// What <see cref="EarlyStoppingCurves"/> recorded: the per-epoch losses, the best epoch and its step count i*, the
/// best validation loss, the loss of the model as returned (θ* restored), and the last epoch's validation loss.
/// </summary>
public sealed record EarlyStoppingRun(IReadOnlyList<EpochRecord> Epochs, int BestEpoch, long BestStep, double BestValidationLoss,
    double RestoredValidationLoss, bool StoppedEarly)
{
    public double FinalValidationLoss => Epochs[^1].ValidationLoss;
}

/// <summary>
/// GBC Fig. 7.3 and Alg. 7.1 with the library's <see cref="EarlyStopping"/> callback: an MLP 64→128→10 with far more
/// parameters than its few training digits, trained by Adam without any penalty, memorises them: the training loss
/// keeps falling while the validation loss passes a minimum and rises again (the validation cross-entropy grows as the
/// network grows over-confident on the digits it gets wrong). Early stopping records θ* and i* at that minimum, stops
/// after <c>patience</c> epochs without improvement, and returns θ*: evaluating the returned model gives back the best
/// validation loss, not the last one.
/// </summary>
public static class EarlyStoppingCurves
{
    private const int BatchSize = 20;

    /// <param name="trainSize">training digits (few, so that the network overfits)</param>
    /// <param name="validationSize">validation digits, disjoint from the training ones</param>
    /// <param name="maxEpochs">the most epochs to run</param>
    /// <param name="patience">p of Alg. 7.1, in epochs</param>
    public static EarlyStoppingRun Run(int trainSize, int validationSize, int maxEpochs, int patience, int seed = 0)
    {
        var digits = Datasets.Digits();
        if (trainSize < 1 || validationSize < 1 || trainSize + validationSize > digits.Count)
            throw new ArgumentOutOfRangeException(nameof(trainSize),
                $"EarlyStoppingCurves: need trainSize, validationSize ≥ 1 with trainSize + validationSize ≤ {digits.Count}, got {trainSize} + {validationSize}.");
        var parts = digits.Split([trainSize / (double)digits.Count, validationSize / (double)digits.Count], seed);
        var (train, validation) = (parts[0], parts[1]);
        var generator = new Generator(seed);
        var model = new Sequential(new Linear(64, 128, generator: generator), new ReLU(), new Linear(128, 10, generator: generator));
        var stopping = new EarlyStopping(patience);
        Func<Tensor, Tensor, Tensor> loss = (logits, y) => Losses.CrossEntropy(logits, y);
        var history = new Trainer().Fit(model, loss, new Adam(model.Parameters(), lr: 1e-2), train, validation, maxEpochs, BatchSize,
            [stopping], seed);
        double restored = Trainer.Evaluate(model, loss, validation).Loss;
        return new EarlyStoppingRun(history.Epochs, stopping.BestEpoch, stopping.BestStep, stopping.BestValue, restored, history.StoppedEarly);
    }
}
