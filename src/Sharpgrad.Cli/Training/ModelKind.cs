namespace Sharpgrad.Cli.Training;

/// <summary>
/// The model architectures <c>sharpgrad train --model</c> accepts. The command line spells each
/// member in lower case (<see cref="Mlp"/> is <c>mlp</c>), so adding a member here is all it takes
/// for the option, its help text and its error message to offer the new architecture.
/// </summary>
public enum ModelKind
{
    /// <summary>Multi-layer perceptron: fully connected layers sized by <c>--hidden</c>.</summary>
    Mlp,
}
