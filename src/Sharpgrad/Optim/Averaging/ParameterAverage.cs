using System.Globalization;

namespace Sharpgrad.Optim;

/// <summary>
/// A running average of the parameters over the training trajectory (GBC §8.7.3), kept beside the live
/// parameters: call <see cref="Update"/> after each optimiser step, and evaluate with the averages swapped in:
/// <code>
/// var ema = new ExponentialMovingAverage(model.Parameters(), decay: 0.999);
/// ... opt.Step(); ema.Update();
/// using (ema.SwapIn()) { Evaluate(model); }   // the live parameters are back afterwards
/// </code>
/// The first <see cref="Update"/> copies the parameters; each later one moves the average toward them,
/// θ̄ ← θ̄ + w·(θ − θ̄), with the weight w of the subclass (1/n for <see cref="PolyakAverage"/>, 1 − decay for
/// <see cref="ExponentialMovingAverage"/>), as torch.optim.swa_utils.AveragedModel does.
/// </summary>
public abstract class ParameterAverage
{
    private readonly IReadOnlyList<Tensor> parameters;
    private readonly Tensor[] averages;
    private Tensor[]? live;

    protected ParameterAverage(string name, IEnumerable<Tensor> parameters)
    {
        Name = name;
        this.parameters = parameters.ToList();
        if (this.parameters.Count == 0) throw new ArgumentException($"{name}: got an empty parameter list.");
        foreach (var p in this.parameters)
            if (!p.DType.IsFloatingPoint())
                throw new ArgumentException($"{name}: can only average floating-point tensors, got a {p.DType.Name()} tensor of shape {p.ShapeText}.");
        averages = this.parameters.Select(Tensor.ZerosLike).ToArray();
    }

    public string Name { get; }

    /// <summary>How many times <see cref="Update"/> has folded in the parameters (PyTorch's n_averaged).</summary>
    public long Count { get; private set; }

    /// <summary>The averages, one per parameter in the given order (read them; <see cref="Update"/> changes them in place).</summary>
    public IReadOnlyList<Tensor> Averages => averages;

    /// <summary>Whether the averages are swapped into the parameters right now.</summary>
    public bool IsApplied => live is not null;

    /// <summary>The weight w of the n-th value (n ≥ 2) in θ̄ ← θ̄ + w·(θ − θ̄).</summary>
    protected abstract double Weight(long n);

    /// <summary>Folds the current parameter values into the averages.</summary>
    public void Update()
    {
        if (IsApplied)
            throw new InvalidOperationException($"{Name}.Update: the averages are swapped into the parameters; Restore() them before updating.");
        using var noGrad = Autograd.NoGrad();
        Count++;
        for (int i = 0; i < averages.Length; i++)
        {
            if (Count == 1) averages[i].CopyFrom(parameters[i]);
            else averages[i].AddInPlace(parameters[i] - averages[i], Weight(Count)); // a lerp, like PyTorch's
        }
    }

    /// <summary>Writes the averages into the parameters, keeping the live values to put back with <see cref="Restore"/>.</summary>
    public void Apply()
    {
        if (IsApplied) throw new InvalidOperationException($"{Name}.Apply: the averages are already swapped in.");
        if (Count == 0) throw new InvalidOperationException($"{Name}.Apply: nothing has been averaged yet; call Update() after optimiser steps.");
        using var noGrad = Autograd.NoGrad();
        live = parameters.Select(p => p.Detach().Clone()).ToArray();
        for (int i = 0; i < averages.Length; i++) parameters[i].CopyFrom(averages[i]);
    }

    /// <summary>Puts back the live parameter values that <see cref="Apply"/> replaced.</summary>
    public void Restore()
    {
        if (live is null) throw new InvalidOperationException($"{Name}.Restore: the averages are not swapped in.");
        using var noGrad = Autograd.NoGrad();
        for (int i = 0; i < live.Length; i++) parameters[i].CopyFrom(live[i]);
        live = null;
    }

    /// <summary>Swaps the averages in until the returned scope ends: <c>using (avg.SwapIn()) { evaluate }</c>.</summary>
    public AveragedParametersScope SwapIn()
    {
        Apply();
        return new AveragedParametersScope(this);
    }

    /// <summary>"n_averaged" (0-d float64) and "average.{i}" for each parameter, copies.</summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var dict = new Dictionary<string, Tensor> { ["n_averaged"] = Tensor.Scalar(Count, DType.Float64) };
        for (int i = 0; i < averages.Length; i++) dict[AverageKey(i)] = averages[i].Clone();
        return dict;
    }

    /// <summary>Restores what <see cref="StateDict"/> saved; everything is checked before anything changes.</summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> stateDict)
    {
        string op = $"{Name}.LoadStateDict";
        if (IsApplied) throw new InvalidOperationException($"{op}: the averages are swapped in; Restore() them first.");
        var expected = new[] { "n_averaged" }.Concat(Enumerable.Range(0, averages.Length).Select(AverageKey)).ToHashSet();
        foreach (var key in expected)
            if (!stateDict.ContainsKey(key)) throw new ArgumentException($"{op}: missing key '{key}'.");
        var unexpected = stateDict.Keys.Where(k => !expected.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unexpected.Count > 0)
            throw new ArgumentException($"{op}: unexpected key(s) {string.Join(", ", unexpected.Select(k => $"'{k}'"))}; this average has {averages.Length} parameter(s).");
        var n = stateDict["n_averaged"];
        if (n.Count != 1 || !(n.Item() >= 0) || n.Item() != Math.Floor(n.Item()))
            throw new ArgumentException($"{op}: 'n_averaged' must be one whole number ≥ 0, got shape {n.ShapeText}.");
        for (int i = 0; i < averages.Length; i++)
            if (!Tensor.SameShape(stateDict[AverageKey(i)], averages[i]))
                throw new ArgumentException($"{op}: '{AverageKey(i)}' has shape {stateDict[AverageKey(i)].ShapeText}, expected {averages[i].ShapeText}.");

        using var noGrad = Autograd.NoGrad();
        for (int i = 0; i < averages.Length; i++) averages[i].CopyFrom(stateDict[AverageKey(i)]);
        Count = (long)n.Item();
    }

    private static string AverageKey(int i) => $"average.{i.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>The scope of <see cref="ParameterAverage.SwapIn"/>: ending it restores the live parameters.</summary>
public readonly struct AveragedParametersScope : IDisposable
{
    private readonly ParameterAverage average;

    internal AveragedParametersScope(ParameterAverage average) => this.average = average;

    public void Dispose() => average.Restore();
}
