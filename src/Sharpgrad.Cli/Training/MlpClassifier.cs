using Sharpgrad.NN;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// The model <c>sharpgrad train --model mlp</c> builds: Linear → ReLU (→ Dropout with <c>--dropout</c>) for each
/// hidden width, then a Linear to the classes (CLS §3: on the 64 pixels of a digit, 64→32→10 has 2410 parameters).
/// It reads each image flattened to one vector. Its architecture travels in the saved file's metadata
/// (<see cref="ModelMetadata"/>), so <c>sharpgrad eval</c> can rebuild it from the file alone.
/// </summary>
public static class MlpClassifier
{
    /// <summary>The input width of the digits MLP: 8×8 pixels.</summary>
    public const int DigitsInputs = 64;

    public const int Classes = ModelKinds.Classes;

    /// <param name="dropout">drop probability after each hidden ReLU; 0 adds no Dropout layers</param>
    /// <param name="dropoutGenerator">the source of the dropout masks (checkpoints save its state)</param>
    /// <param name="inputs">values per example (C·H·W of the flattened image)</param>
    public static Sequential Build(IReadOnlyList<int> hidden, Generator generator, double dropout = 0, Generator? dropoutGenerator = null,
        int inputs = DigitsInputs)
    {
        var layers = new List<Module<Tensor, Tensor>>();
        int width = inputs;
        foreach (var h in hidden)
        {
            layers.Add(new Linear(width, h, generator: generator));
            layers.Add(new ReLU());
            if (dropout > 0) layers.Add(new Dropout(dropout, dropoutGenerator));
            width = h;
        }
        layers.Add(new Linear(width, Classes, generator: generator));
        return new Sequential([.. layers]);
    }
}
