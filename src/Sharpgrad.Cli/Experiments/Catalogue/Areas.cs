namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// The parts of the books the catalogue is grouped by, one source folder each, in the books' order (GBC's chapters,
/// then the areas the other books add).
/// </summary>
public static class Areas
{
    public const string NumericalComputation = "Probability and numerical computation";
    public const string MachineLearningBasics = "Machine-learning basics";
    public const string FeedforwardNetworks = "Deep feedforward networks";
    public const string Regularization = "Regularisation";
    public const string Optimization = "Optimisation";
    public const string ConvolutionalNetworks = "Convolutional networks";
    public const string Sequences = "Sequence models";
    public const string Memory = "Memory-augmented networks";
    public const string Embeddings = "Word embeddings";
    public const string ClassicUnsupervised = "Classic unsupervised learning";
    public const string Generative = "Autoencoders and generative models";
    public const string ReinforcementLearning = "Reinforcement learning";
    public const string Deployment = "Deployment and scale-out";

    /// <summary>Every area in reading order (the report's and the list's order).</summary>
    public static IReadOnlyList<string> InReadingOrder { get; } =
    [
        NumericalComputation, MachineLearningBasics, FeedforwardNetworks, Regularization, Optimization, ConvolutionalNetworks,
        Sequences, Memory, Embeddings, ClassicUnsupervised, Generative, ReinforcementLearning, Deployment,
    ];
}
