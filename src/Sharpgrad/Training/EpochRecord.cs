namespace Sharpgrad.Training;

/// <summary>
/// What one epoch of <see cref="Trainer.Fit(NN.Module, Func{Tensor, Tensor, Tensor}, Optim.Optimizer, Data.Dataset, Data.Dataset?, int, int, IEnumerable{ITrainingCallback}?, long, string?, long?)"/>
/// produced. Values that were not measured (no validation set; accuracy of a model whose outputs are not class
/// scores) are <see cref="double.NaN"/>.
/// </summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Step">Optimiser steps taken since the run began, after this epoch (GBC Alg. 7.1's i).</param>
/// <param name="TrainLoss">
/// The mean of the objective over the epoch's mini-batches, weighted by batch size, measured while training (dropout
/// on, parameters moving), as Keras reports it. It is the data loss only: penalties Ω(θ) are not included, so it
/// compares directly with <paramref name="ValidationLoss"/>.
/// </param>
/// <param name="TrainAccuracy">The fraction of training examples classified correctly during the epoch.</param>
/// <param name="ValidationLoss">The mean loss on the validation set after the epoch, in eval mode.</param>
/// <param name="ValidationAccuracy">The validation accuracy after the epoch, in eval mode.</param>
/// <param name="LearningRate">The learning rate of the optimiser's first parameter group at the end of the epoch.</param>
public sealed record EpochRecord(
    int Epoch,
    long Step,
    double TrainLoss,
    double TrainAccuracy,
    double ValidationLoss,
    double ValidationAccuracy,
    double LearningRate);
