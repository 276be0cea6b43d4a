using System.Text;

namespace Sharpgrad.Optim;

/// <summary>
/// The common frame of gradient-based optimisers, following torch.optim.Optimizer: parameter groups with their
/// own hyper-parameters, <see cref="ZeroGrad"/>, <see cref="Step"/> and a state dict for checkpoints.
/// A training step reads <c>opt.ZeroGrad(); loss.Backward(); opt.Step();</c>.
/// <para>
/// Subclasses describe one algorithm: its hyper-parameters and their rules (<see cref="Validate"/>), the state
/// it keeps per parameter (<see cref="CreateState"/>) and the update (<see cref="Step"/>, usually through
/// <see cref="UpdateEachParameter"/>). Updates run inside <see cref="Autograd.NoGrad"/>, so they are not recorded.
/// The first-order methods update each parameter with one fused kernel (<see cref="ApplyRule"/>, Backends/Cpu/Kernels/UpdateRules.cs)
/// that reads θ, the gradient and the state once and writes them once; the rest use in-place tensor ops.
/// </para>
/// </summary>
public abstract partial class Optimizer
{
    private readonly List<ParamGroup> groups = [];
    private readonly OrderedDictionary<string, double> defaults;
    private readonly Dictionary<Tensor, ParameterState> states = new(ReferenceEqualityComparer.Instance);

    /// <param name="name">The optimiser's name, used in every error message ("SGD", "Adam", ...).</param>
    /// <param name="parameters">The tensors to optimise: leaves, usually <c>model.Parameters()</c>.</param>
    /// <param name="defaults">Every hyper-parameter with its value, named as in PyTorch; they form the first group
    /// and fill in any option a later <see cref="AddParamGroup"/> leaves out.</param>
    protected Optimizer(string name, IEnumerable<Tensor> parameters, IEnumerable<(string Option, double Value)> defaults)
    {
        Name = name;
        this.defaults = new OrderedDictionary<string, double>();
        foreach (var (option, value) in defaults) this.defaults.Add(option, value);
        AddParamGroup(parameters);
    }

    /// <summary>The optimiser's name, as in PyTorch ("SGD", "AdamW", ...).</summary>
    public string Name { get; }

    /// <summary>The hyper-parameters given to the constructor, by PyTorch name.</summary>
    public IReadOnlyDictionary<string, double> Defaults => defaults;

    public IReadOnlyList<ParamGroup> ParamGroups => groups;

    /// <summary>The learning rate of the first parameter group (the only one, unless groups were added).</summary>
    public double Lr
    {
        get => groups[0].Lr;
        set => groups[0].Lr = value;
    }

    /// <summary>
    /// Adds parameters with their own options, e.g. <c>opt.AddParamGroup(biases, new Dictionary&lt;string, double&gt;
    /// { ["weight_decay"] = 0 })</c>. Options left out take the constructor's values.
    /// </summary>
    public void AddParamGroup(IEnumerable<Tensor> parameters, IReadOnlyDictionary<string, double>? options = null)
    {
        var list = parameters.ToList();
        if (list.Count == 0) throw new ArgumentException($"{Name}: got an empty parameter list.");
        if (groups.Count > 0 && !SupportsParamGroups)
            throw new NotSupportedException($"{Name}: doesn't support per-parameter options (parameter groups); it optimises all parameters as one vector.");
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var p in groups.SelectMany(g => g.Params)) seen.Add(p);
        foreach (var p in list)
        {
            if (!p.DType.IsFloatingPoint())
                throw new ArgumentException($"{Name}: can only optimise floating-point tensors, got a {p.DType.Name()} tensor of shape {p.ShapeText}.");
            if (!p.IsLeaf)
                throw new ArgumentException($"{Name}: can't optimise a non-leaf tensor (shape {p.ShapeText}); pass parameters, or call Detach().RequireGrad().");
            if (!seen.Add(p))
                throw new ArgumentException($"{Name}: a parameter of shape {p.ShapeText} appears more than once across the parameter groups.");
        }

        var merged = new OrderedDictionary<string, double>(defaults);
        foreach (var (option, value) in options ?? new Dictionary<string, double>())
        {
            if (!defaults.ContainsKey(option))
                throw new ArgumentException($"{Name}: unknown option '{option}' in a parameter group; its options are {string.Join(", ", defaults.Keys)}.");
            merged[option] = value;
        }
        var group = new ParamGroup(Name, list, merged, ValidateFinite);
        ValidateFinite(group);
        groups.Add(group);
    }

    /// <summary>
    /// Forgets every gradient: sets Grad to null, like PyTorch's default <c>zero_grad(set_to_none=True)</c>; with
    /// <paramref name="setToNone"/> false, fills the existing Grad tensors with zeros instead (PyTorch before 2.0),
    /// so the next backward adds into the same memory rather than allocating new gradients.
    /// </summary>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var group in groups)
            foreach (var p in group.Params)
                p.ClearGrad(setToNone);
    }

    /// <summary>Updates every parameter that has a gradient, once.</summary>
    public abstract void Step();

    /// <summary>
    /// The closure form of a step, as in PyTorch: <paramref name="closure"/> zeroes the gradients, computes the loss,
    /// calls Backward and returns the loss. Methods that look at the loss more than once per step (L-BFGS, BFGS,
    /// conjugate gradient, Newton) call it as often as they need; a first-order optimiser calls it once and then
    /// takes its ordinary <see cref="Step()"/>. Returns the loss of the first evaluation, i.e. before the step.
    /// </summary>
    public virtual Tensor Step(Func<Tensor> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        var loss = EvaluateClosure(closure);
        Step();
        return loss;
    }

    /// <summary>Runs the closure with gradient recording on, whatever scope the caller is in (PyTorch wraps it in enable_grad).</summary>
    protected Tensor EvaluateClosure(Func<Tensor> closure)
    {
        using var enableGrad = Autograd.EnableGrad();
        return closure() ?? throw new InvalidOperationException($"{Name}.Step: the closure returned null; it must return the loss.");
    }

    /// <summary>The state kept for <paramref name="parameter"/> (empty before its first step).</summary>
    public IReadOnlyDictionary<string, Tensor> StateOf(Tensor parameter) =>
        states.TryGetValue(parameter, out var s) ? s.Tensors : new Dictionary<string, Tensor>();

    /// <summary>Throws, naming the optimiser and the option, when a group's options break the algorithm's rules.</summary>
    protected abstract void Validate(ParamGroup group);

    /// <summary>
    /// Every hyper-parameter must be a finite number before the optimiser's own rules are applied: an infinite learning
    /// rate or decay turns the first step into NaN weights. (PyTorch accepts lr = inf; Sharpgrad refuses it, docs/design.md.)
    /// </summary>
    private protected void ValidateFinite(ParamGroup group)
    {
        foreach (var (option, value) in group.Options)
            if (!double.IsFinite(value)) throw Invalid(option, value, "a finite number");
        Validate(group);
    }

    /// <summary>The state a parameter starts with at its first step (PyTorch's <c>if len(state) == 0:</c> block).
    /// Loading a state dict checks the saved entries against it, so it must depend only on the options and shape.</summary>
    protected abstract ParameterState CreateState(Tensor parameter, ParamGroup group);

    /// <summary>
    /// Runs <paramref name="update"/>(group, parameter, gradient, state) for every parameter whose gradient is not
    /// null, without recording anything for autograd. Parameters without a gradient are skipped and get no state,
    /// as in PyTorch.
    /// </summary>
    protected void UpdateEachParameter(Action<ParamGroup, Tensor, Tensor, ParameterState> update)
    {
        using var noGrad = Autograd.NoGrad();
        foreach (var group in groups)
            foreach (var p in group.Params)
            {
                if (p.Grad is not { } grad) continue;
                var state = StateFor(p, group);
                update(group, p, grad, state);
                state.IsNew = false;
            }
    }

    /// <summary>
    /// The state of <paramref name="parameter"/>, created by <see cref="CreateState"/> (and marked
    /// <see cref="ParameterState.IsNew"/>) on first use; the caller clears IsNew once its update is done.
    /// Methods with one state for the whole problem (L-BFGS) keep it on the first parameter, as PyTorch does.
    /// </summary>
    protected ParameterState StateFor(Tensor parameter, ParamGroup group)
    {
        if (!states.TryGetValue(parameter, out var state))
        {
            state = CreateState(parameter, group);
            state.IsNew = true;
            states.Add(parameter, state);
        }
        return state;
    }

    /// <summary>
    /// False for methods that treat all parameters as one vector (L-BFGS, BFGS, CG, Newton): like PyTorch's LBFGS
    /// they have a single parameter group, so <see cref="AddParamGroup"/> refuses a second one.
    /// </summary>
    protected virtual bool SupportsParamGroups => true;

    // Checks shared by the optimisers' Validate methods; the messages name the optimiser and the option.

    protected void RequireNonNegative(ParamGroup group, params string[] options)
    {
        foreach (var option in options)
            if (!(group[option] >= 0)) throw Invalid(option, group[option], "≥ 0");
    }

    /// <summary>Requires low ≤ value &lt; high, or low ≤ value ≤ high with <paramref name="includeHigh"/>.</summary>
    protected void RequireInRange(ParamGroup group, string option, double low, double high, bool includeHigh = false)
    {
        double v = group[option];
        if (!(v >= low && (includeHigh ? v <= high : v < high)))
            throw Invalid(option, v, $"in [{low}, {high}{(includeHigh ? "]" : ")")}");
    }

    /// <summary>Requires a whole number ≥ <paramref name="minimum"/> (iteration counts, history sizes).</summary>
    protected void RequireInteger(ParamGroup group, string option, int minimum)
    {
        double v = group[option];
        if (!(v >= minimum && v == Math.Floor(v) && v <= int.MaxValue)) throw Invalid(option, v, $"a whole number ≥ {minimum}");
    }

    protected void RequireFlag(ParamGroup group, string option)
    {
        double v = group[option];
        if (v is not (0 or 1)) throw Invalid(option, v, "0 (false) or 1 (true)");
    }

    private ArgumentException Invalid(string option, double value, string expected) =>
        new($"{Name}: invalid {option} = {value}; expected {option} {(expected.StartsWith('≥') ? expected : "to be " + expected)}.");

    /// <summary>Flags are stored as 1 or 0 with the other (double) options.</summary>
    protected static double AsOption(bool flag) => flag ? 1 : 0;

    public override string ToString()
    {
        var text = new StringBuilder(Name).Append(" (");
        for (int g = 0; g < groups.Count; g++)
            text.AppendLine().Append("Parameter Group ").Append(g).AppendLine().Append(groups[g]);
        return text.AppendLine().Append(')').ToString();
    }
}
