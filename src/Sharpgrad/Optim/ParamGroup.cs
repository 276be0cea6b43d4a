using System.Globalization;

namespace Sharpgrad.Optim;

/// <summary>
/// A set of parameters that share hyper-parameters, like one entry of PyTorch's <c>optimizer.param_groups</c>.
/// Options are named as in PyTorch ("lr", "weight_decay", "momentum", "beta1", ...) and are all doubles; on/off
/// options such as "nesterov" or "amsgrad" hold 1 or 0. Giving different groups different options is how one
/// trains, say, biases without weight decay (GBC §7.1) or a pretrained body with a smaller learning rate.
/// </summary>
public sealed class ParamGroup
{
    private readonly OrderedDictionary<string, double> options;
    private readonly string optimizerName;
    private readonly Action<ParamGroup> validate;

    internal ParamGroup(string optimizerName, IReadOnlyList<Tensor> parameters, OrderedDictionary<string, double> options,
        Action<ParamGroup> validate)
    {
        this.optimizerName = optimizerName;
        Params = parameters;
        this.options = options;
        this.validate = validate;
    }

    /// <summary>The parameters this group updates, in the order they were given.</summary>
    public IReadOnlyList<Tensor> Params { get; }

    /// <summary>Every option of the group, in the optimiser's order.</summary>
    public IReadOnlyDictionary<string, double> Options => options;

    /// <summary>The learning rate ε of this group; learning-rate schedules change it between steps.</summary>
    public double Lr
    {
        get => this["lr"];
        set => this["lr"] = value;
    }

    /// <summary>
    /// The learning rate ε₀ before any schedule changed it (PyTorch's "initial_lr"), recorded by the first
    /// <see cref="LrScheduler"/> attached to the optimiser, so that schedules composed on one optimiser start from the
    /// same ε₀ even though each one sets the rate when it is created. Null while no schedule is attached.
    /// </summary>
    public double? InitialLr { get; internal set; }

    /// <summary>
    /// One option by its PyTorch name. Setting it checks the new value with the optimiser's own rules, so a
    /// schedule cannot, for example, make the learning rate negative.
    /// </summary>
    public double this[string option]
    {
        get => options.TryGetValue(option, out var value) ? value : throw UnknownOption(option);
        set
        {
            if (!options.TryGetValue(option, out var previous)) throw UnknownOption(option);
            options[option] = value;
            try
            {
                validate(this);
            }
            catch
            {
                options[option] = previous;
                throw;
            }
        }
    }

    /// <summary>An on/off option ("nesterov", "amsgrad", "centered"), stored as 1 or 0.</summary>
    public bool Flag(string option) => this[option] != 0;

    /// <summary>Swaps in options that the optimiser has already validated (used when loading a state dict).</summary>
    internal void ReplaceOptions(IReadOnlyDictionary<string, double> validated)
    {
        foreach (var (name, value) in validated) options[name] = value;
    }

    private KeyNotFoundException UnknownOption(string option) => new(
        $"{optimizerName}: unknown option '{option}'; its options are {string.Join(", ", options.Keys)}.");

    public override string ToString() => string.Join(Environment.NewLine,
        options.Select(o => $"    {o.Key}: {o.Value.ToString("R", CultureInfo.InvariantCulture)}"));
}
