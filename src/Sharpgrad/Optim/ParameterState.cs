namespace Sharpgrad.Optim;

/// <summary>
/// What an optimiser remembers about one parameter between steps (PyTorch's <c>optimizer.state[p]</c>):
/// named tensors such as a momentum buffer, Adam's moment estimates s and r (GBC Alg. 8.7), or a step count.
/// Every entry is a tensor, so the whole state can be saved in a state dict and resumed bit for bit.
/// </summary>
public sealed class ParameterState
{
    private readonly OrderedDictionary<string, Tensor> tensors = new();

    /// <summary>One state tensor by name; optimisers update it in place.</summary>
    public Tensor this[string name]
    {
        get => tensors.TryGetValue(name, out var t) ? t : throw new KeyNotFoundException(
            $"ParameterState: no entry '{name}' (it holds {Describe()}). An optimiser creates a parameter's state at " +
            "its first step, so options that add state (momentum, amsgrad, centered) cannot be switched on afterwards.");
        set => tensors[name] = value;
    }

    /// <summary>The entries in the order the optimiser created them.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors => tensors;

    /// <summary>
    /// True while the step that created this state runs, which is PyTorch's <c>len(state) == 0</c> test:
    /// SGD starts its momentum buffer at the first gradient rather than decaying a zero buffer.
    /// A state restored by <see cref="Optimizer.LoadStateDict"/> is not new.
    /// </summary>
    public bool IsNew { get; internal set; }

    /// <summary>A 0-d float64 step counter (float64 counts exactly up to 2⁵³ and saves like every hyper-parameter).</summary>
    public static Tensor NewCounter(double start = 0) => Tensor.Scalar(start, DType.Float64);

    /// <summary>Adds one to the "step" counter and returns the new count t (1 at the first step).</summary>
    public double IncrementStep()
    {
        var step = this["step"];
        step.Fill(step.Item() + 1);
        return step.Item();
    }

    private string Describe() => tensors.Count == 0 ? "nothing" : string.Join(", ", tensors.Keys);
}
