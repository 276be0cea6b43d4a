namespace Sharpgrad.Cli.Training;

/// <summary>
/// The optimizers <c>sharpgrad train --optimizer</c> accepts, spelled in lower case on the command
/// line (<c>sgd</c>, <c>adam</c>); adding a member here makes it a valid option value.
/// </summary>
public enum OptimizerKind
{
    /// <summary>Plain stochastic gradient descent: <c>w -= lr * grad</c>.</summary>
    Sgd,

    /// <summary>Adam (Kingma and Ba, 2015) with its usual betas and epsilon.</summary>
    Adam,
}
