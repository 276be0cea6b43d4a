using System.Globalization;

namespace Sharpgrad.Optim;

/// <summary>
/// A set of parameters that share hyper-parameters, like one entry of PyTorch's <c>optimizer.param_groups</c>.
/// The common options have typed properties (<see cref="Lr"/>, <see cref="WeightDecay"/>, <see cref="Betas"/>, …); every
/// option is also reachable by its PyTorch name ("lr", "weight_decay", "momentum", "beta1", ...), all doubles; on/off
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

    // Typed access to the options most optimisers share, under PyTorch's keys; an option the group's optimiser does
    // not have throws, naming the options it has. Setting one is checked by the optimiser's rules like the indexer.

    /// <summary>λ of the L2 penalty or decoupled decay ("weight_decay").</summary>
    public double WeightDecay
    {
        get => this["weight_decay"];
        set => this["weight_decay"] = value;
    }

    /// <summary>μ of SGD and RMSprop ("momentum").</summary>
    public double Momentum
    {
        get => this["momentum"];
        set => this["momentum"] = value;
    }

    /// <summary>SGD's dampening τ ("dampening").</summary>
    public double Dampening
    {
        get => this["dampening"];
        set => this["dampening"] = value;
    }

    /// <summary>SGD's Nesterov momentum ("nesterov").</summary>
    public bool Nesterov
    {
        get => Flag("nesterov");
        set => this["nesterov"] = value ? 1 : 0;
    }

    /// <summary>The Adam family's (β₁, β₂) ("beta1", "beta2"; PyTorch's "betas").</summary>
    public (double Beta1, double Beta2) Betas
    {
        get => (this["beta1"], this["beta2"]);
        set
        {
            var previous = Betas;
            this["beta1"] = value.Beta1;
            try
            {
                this["beta2"] = value.Beta2;
            }
            catch
            {
                this["beta1"] = previous.Beta1;
                throw;
            }
        }
    }

    /// <summary>The small constant δ added for numerical stability ("eps").</summary>
    public double Eps
    {
        get => this["eps"];
        set => this["eps"] = value;
    }

    /// <summary>Adam's AMSGrad variant ("amsgrad").</summary>
    public bool Amsgrad
    {
        get => Flag("amsgrad");
        set => this["amsgrad"] = value ? 1 : 0;
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
