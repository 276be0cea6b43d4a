using Sharpgrad.NN;

namespace Sharpgrad.Models;

/// <summary>
/// One architecture of <see cref="ModelRegistry"/>: its command-line name, a one-line description, the input it is
/// designed for (one example, without the batch dim, e.g. [1, 28, 28]) and how to build it for a given input and
/// number of classes.
/// </summary>
public sealed class ModelEntry(string name, string description, int[] defaultInput, int defaultClasses,
    Func<int[], int, Generator?, Module<Tensor, Tensor>> build)
{
    public string Name { get; } = name;
    public string Description { get; } = description;

    /// <summary>The per-example input shape the architecture is designed for ([C, H, W], or [features] for an MLP).</summary>
    public IReadOnlyList<int> DefaultInput { get; } = defaultInput;

    public int DefaultClasses { get; } = defaultClasses;

    /// <summary>Builds the model for <paramref name="input"/> (per example, no batch dim) and <paramref name="classes"/> outputs.</summary>
    public Module<Tensor, Tensor> Build(int[] input, int classes, Generator? generator = null) => build(input, classes, generator);
}
