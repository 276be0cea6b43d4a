namespace Sharpgrad.Cli.Training;

/// <summary>
/// The model architectures <c>sharpgrad train --model</c> accepts. The command line spells each
/// member in lower case (<see cref="Mlp"/> is <c>mlp</c>), so adding a member here (and its cases in
/// <see cref="ModelKinds"/>) is all it takes for the option, its help text and its error message to offer
/// the new architecture.
/// </summary>
public enum ModelKind
{
    /// <summary>Multi-layer perceptron on the flattened image: fully connected layers sized by <c>--hidden</c>.</summary>
    Mlp,

    /// <summary>The classification chapter's small CNN for 8×8 digits (CLS Fig. 3.20): 2450 parameters.</summary>
    Cnn,

    /// <summary>LeNet-5 (LeCun et al. 1998; GBC §9.10) for 28×28 images: 61706 parameters.</summary>
    Lenet5,
}
