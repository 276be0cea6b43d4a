using Sharpgrad.NN;
using Sharpgrad.Training;

namespace Sharpgrad.Regularization;

/// <summary>
/// The common frame of parameter norm penalties Ω(θ) = Σ_l α_l·ω(W_l) over the selected parameters (GBC §7.1): a
/// coefficient α for every parameter, optionally set per layer, and the per-tensor norm ω that subclasses define.
/// </summary>
public abstract class WeightPenalty : IPenalty
{
    private readonly KeyValuePair<string, double>[] layerAlphas;

    /// <param name="name">the penalty's name for messages ("L2Penalty")</param>
    /// <param name="alpha">α ≥ 0 for every selected parameter without a per-layer value</param>
    /// <param name="selection">the parameters penalised; default <see cref="ParameterSelection.Weights"/></param>
    /// <param name="layerAlphas">
    /// per-layer coefficients by module path or parameter name ("0", "encoder.1", "2.weight"); the longest match wins,
    /// so <c>{ ["encoder"] = 1e-4, ["encoder.3"] = 0 }</c> penalises the encoder except its layer 3
    /// </param>
    protected WeightPenalty(string name, double alpha, ParameterSelection? selection, IReadOnlyDictionary<string, double>? layerAlphas)
    {
        Name = name;
        CheckAlpha(alpha, "alpha");
        foreach (var (layer, a) in layerAlphas ?? new Dictionary<string, double>()) CheckAlpha(a, $"the coefficient of '{layer}'");
        Alpha = alpha;
        Selection = selection ?? ParameterSelection.Weights;
        this.layerAlphas = (layerAlphas ?? new Dictionary<string, double>()).OrderByDescending(kv => kv.Key.Length).ToArray();
    }

    public string Name { get; }

    /// <summary>α, the coefficient of every selected parameter that no per-layer entry matches.</summary>
    public double Alpha { get; }

    public ParameterSelection Selection { get; }

    /// <summary>α for the parameter with dotted name <paramref name="parameterName"/>: the longest matching per-layer entry, else <see cref="Alpha"/>.</summary>
    public double AlphaFor(string parameterName)
    {
        foreach (var (layer, alpha) in layerAlphas)
            if (parameterName == layer || parameterName.StartsWith(layer + ".", StringComparison.Ordinal))
                return alpha;
        return Alpha;
    }

    /// <summary>Σ α·ω(W) over the selected parameters; a zero scalar when none is selected.</summary>
    public Tensor Compute(Module model)
    {
        Tensor? total = null;
        foreach (var (name, weight) in Selection.Select(model))
        {
            double alpha = AlphaFor(name);
            if (alpha == 0) continue;
            var term = Norm(weight) * alpha;
            total = total is null ? term : total + term;
        }
        var dtype = model.Parameters().FirstOrDefault()?.DType ?? DType.Float32;
        return total ?? Tensor.Scalar(0, dtype);
    }

    /// <summary>ω(W) for one tensor, e.g. ½‖W‖² or ‖W‖₁.</summary>
    protected abstract Tensor Norm(Tensor weight);

    private void CheckAlpha(double alpha, string what)
    {
        if (!(alpha >= 0) || double.IsInfinity(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), $"{Name}: {what} must be finite and ≥ 0, got {alpha}.");
    }
}
