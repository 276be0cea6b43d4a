namespace Sharpgrad.Training;

/// <summary>
/// A module that adds a term to the training loss from its own most recent forward pass, as Keras layers do with
/// <c>add_loss</c>: activation penalties (GBC §7.10, §14.2.1) are the example. The <see cref="Trainer"/> finds
/// every such module in the model and adds their terms to the objective, so inserting the layer is all it takes.
/// </summary>
public interface IAuxiliaryLoss
{
    /// <summary>The term from the latest training-mode forward pass, or null when there is none (eval mode, no pass yet).</summary>
    Tensor? AuxiliaryLoss { get; }
}
