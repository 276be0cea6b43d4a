using Sharpgrad.NN;

namespace Sharpgrad.Regularization;

/// <summary>
/// Which of a model's parameters a penalty, constraint or noise applies to. GBC §7.1 penalises only the weights:
/// a bias controls a single variable, needs little data to fit, and regularising it can cause underfitting. The
/// default, <see cref="Weights"/>, decides by rank: weight matrices and filters (rank ≥ 2) are in; biases,
/// normalisation scales and shifts and PReLU slopes (all rank 1) are out. Any rule over the dotted parameter
/// name and the tensor can be given with <see cref="Where"/>.
/// </summary>
public sealed class ParameterSelection
{
    private readonly Func<string, Tensor, bool> predicate;

    private ParameterSelection(Func<string, Tensor, bool> predicate, string description)
    {
        this.predicate = predicate;
        Description = description;
    }

    /// <summary>Parameters of rank ≥ 2: Linear weights [out, in] and convolution filters; no biases or norm parameters.</summary>
    public static ParameterSelection Weights { get; } = new((_, p) => p.Rank >= 2, "weights (rank ≥ 2)");

    /// <summary>Every parameter, biases included.</summary>
    public static ParameterSelection All { get; } = new((_, _) => true, "all parameters");

    /// <summary>The parameters for which <paramref name="predicate"/>(dotted name, tensor) is true.</summary>
    public static ParameterSelection Where(Func<string, Tensor, bool> predicate, string description = "custom selection")
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new ParameterSelection(predicate, description);
    }

    /// <summary>Says in words what is selected, for messages and printing.</summary>
    public string Description { get; }

    /// <summary>The selected parameters of <paramref name="model"/> with their dotted names, in model order.</summary>
    public IEnumerable<(string Name, Tensor Parameter)> Select(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.NamedParameters().Where(p => predicate(p.Name, p.Parameter));
    }

    /// <summary>
    /// The model's parameters split into the selected ones and the others, e.g. for two optimiser parameter groups
    /// with and without weight decay: <c>opt.AddParamGroup(others, new() { ["weight_decay"] = 0 })</c>.
    /// </summary>
    public (IReadOnlyList<Tensor> Selected, IReadOnlyList<Tensor> Others) Partition(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var selected = new List<Tensor>();
        var others = new List<Tensor>();
        foreach (var (name, p) in model.NamedParameters()) (predicate(name, p) ? selected : others).Add(p);
        return (selected, others);
    }

    public override string ToString() => Description;
}
