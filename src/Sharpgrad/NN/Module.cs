using System.Text;

namespace Sharpgrad.NN;

/// <summary>
/// The base of every layer and model, like torch.nn.Module. A module owns three ordered registries:
/// parameters (trainable tensors with RequiresGrad = true), buffers (state that is saved but not trained,
/// such as BatchNorm's running statistics) and child modules. Everything else — parameter lists for
/// optimisers, PyTorch-style state-dict names ("encoder.1.bias"), train/eval mode — is derived from them.
/// </summary>
/// <remarks>
/// <para>There is no separate Parameter class: a parameter is an ordinary leaf <see cref="Tensor"/> that was
/// registered with <see cref="RegisterParameter"/>. Subclasses keep the tensor that registration returns.</para>
/// <para>This untyped base holds what every module has; the computation comes from the typed subclasses
/// <see cref="Module{TInput, TResult}"/> (one input, e.g. <c>Module&lt;Tensor, Tensor&gt;</c> for a layer) and
/// <see cref="Module{T1, T2, TResult}"/> etc. (several inputs), whose <c>Forward</c> runs the hooks around the
/// subclass's <c>ForwardCore</c>.</para>
/// </remarks>
public abstract partial class Module
{
    // Insertion-ordered registries. A name lives in at most one of them.
    private readonly List<KeyValuePair<string, Tensor>> parameters = [];
    private readonly List<KeyValuePair<string, Tensor>> buffers = [];
    private readonly List<KeyValuePair<string, Module>> children = [];

    /// <summary>Whether the module is in training mode (Dropout drops, BatchNorm uses batch statistics). New modules train.</summary>
    public bool IsTraining { get; private set; } = true;

    // ---------------------------------------------------------------- registration

    /// <summary>
    /// Registers <paramref name="value"/> as a trainable parameter named <paramref name="name"/> and marks it RequiresGrad.
    /// Registering an existing parameter name replaces it. Returns the registered tensor (a detached alias when
    /// <paramref name="value"/> was not a leaf, because parameters must be leaves of the graph).
    /// </summary>
    protected Tensor RegisterParameter(string name, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        CheckName(name, "RegisterParameter", parameters);
        if (!value.DType.IsFloatingPoint())
            throw new ArgumentException(
                $"{GetType().Name}.RegisterParameter(\"{name}\"): parameters must be float32 or float64, got {value.DType.Name()}.");
        var leaf = value.IsLeaf ? value : value.Detach();
        leaf.RequiresGrad = true;
        Upsert(parameters, name, leaf);
        return leaf;
    }

    /// <summary>Registers saved-but-not-trained state (e.g. running statistics). It appears in <see cref="StateDict"/>.</summary>
    protected Tensor RegisterBuffer(string name, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        CheckName(name, "RegisterBuffer", buffers);
        Upsert(buffers, name, value);
        return value;
    }

    /// <summary>Registers a child module; its parameters get the prefix "<paramref name="name"/>.".</summary>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckName(name, "RegisterModule", children);
        if (ReferenceEquals(module, this) || module.Modules().Any(m => ReferenceEquals(m, this)))
            throw new ArgumentException($"{GetType().Name}.RegisterModule(\"{name}\"): a module cannot contain itself.");
        Upsert(children, name, module);
        return module;
    }

    private void CheckName<T>(string name, string op, List<KeyValuePair<string, T>> ownRegistry)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"{GetType().Name}.{op}: name \"{name}\" must be non-empty and contain no '.' (dots separate state-dict levels).");
        bool taken = (parameters.Any(p => p.Key == name) && !ReferenceEquals(ownRegistry, parameters))
                  || (buffers.Any(b => b.Key == name) && !ReferenceEquals(ownRegistry, buffers))
                  || (children.Any(c => c.Key == name) && !ReferenceEquals(ownRegistry, children));
        if (taken)
            throw new ArgumentException($"{GetType().Name}.{op}: name \"{name}\" is already used by another parameter, buffer or module.");
    }

    private static void Upsert<T>(List<KeyValuePair<string, T>> registry, string name, T value)
    {
        int i = registry.FindIndex(kv => kv.Key == name);
        if (i >= 0) registry[i] = new(name, value);
        else registry.Add(new(name, value));
    }

    // ---------------------------------------------------------------- traversal

    /// <summary>The direct children, in registration order.</summary>
    public IEnumerable<(string Name, Module Module)> NamedChildren() => children.Select(c => (c.Key, c.Value));

    public IEnumerable<Module> Children() => children.Select(c => c.Value);

    /// <summary>The number of direct children; with <see cref="Child"/>, a walk that allocates nothing (checks run on every forward call).</summary>
    internal int ChildCount => children.Count;

    /// <summary>The direct child at <paramref name="index"/>, in registration order.</summary>
    internal Module Child(int index) => children[index].Value;

    /// <summary>This module and all its descendants, depth-first, with dotted names ("" for this module); each module once.</summary>
    public IEnumerable<(string Name, Module Module)> NamedModules() => Walk(removeDuplicates: true);

    /// <summary>
    /// Depth-first pre-order walk. With <paramref name="removeDuplicates"/> a module reachable under several names is
    /// visited once (for parameter lists); without, once per name (for state dicts). Registration forbids cycles.
    /// </summary>
    private IEnumerable<(string Name, Module Module)> Walk(bool removeDuplicates)
    {
        var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        return Visit("", this);

        IEnumerable<(string, Module)> Visit(string prefix, Module module)
        {
            if (removeDuplicates && !seen.Add(module)) yield break;
            yield return (prefix, module);
            foreach (var (name, child) in module.children)
                foreach (var item in Visit(Join(prefix, name), child))
                    yield return item;
        }
    }

    public IEnumerable<Module> Modules() => NamedModules().Select(m => m.Module);

    /// <summary>
    /// Every parameter with its dotted name ("0.weight", "encoder.1.bias"): a module's own parameters first, then
    /// its children's, depth-first in registration order. A tensor shared by two modules appears once, under its
    /// first name, so an optimiser never updates it twice.
    /// </summary>
    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters() => NamedTensors(m => m.parameters);

    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Parameter);

    /// <summary>Every buffer with its dotted name, in the same order as <see cref="NamedParameters"/>.</summary>
    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers() => NamedTensors(m => m.buffers);

    public IEnumerable<Tensor> Buffers() => NamedBuffers().Select(b => b.Buffer);

    private IEnumerable<(string, Tensor)> NamedTensors(Func<Module, List<KeyValuePair<string, Tensor>>> registry)
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (prefix, module) in NamedModules())
            foreach (var (name, tensor) in registry(module))
                if (seen.Add(tensor))
                    yield return (Join(prefix, name), tensor);
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    /// <summary>The number of trainable scalars, Σ numel over <see cref="Parameters"/> (shared tensors counted once).</summary>
    public long ParameterCount() => Parameters().Sum(p => (long)p.Count);

    /// <summary>Children before parents; <see cref="ModuleExtensions.Apply"/>.</summary>
    internal void ApplyToTree(Action<Module> action)
    {
        foreach (var child in Children()) child.ApplyToTree(action);
        action(this);
    }

    // ---------------------------------------------------------------- modes and gradients

    /// <summary>Sets the mode of this module and every descendant; <see cref="ModuleExtensions.Train"/>.</summary>
    internal void SetTraining(bool mode)
    {
        foreach (var module in Modules()) module.IsTraining = mode;
    }

    /// <summary>
    /// Switches this module and its descendants to evaluation mode until the scope ends, then puts back every
    /// module's own mode, so a part the user froze in eval mode (a BatchNorm, say) stays frozen:
    /// <c>using (model.EvalScope()) { … }</c>. <c>Train(wasTraining)</c> afterwards would instead set every
    /// submodule to one mode.
    /// </summary>
    public ModeScope EvalScope()
    {
        var scope = PreserveModes();
        SetTraining(false);
        return scope;
    }

    /// <summary>Remembers every module's own mode; ending the scope puts each one back (see <see cref="EvalScope"/>).</summary>
    public ModeScope PreserveModes() => new([.. Modules().Select(m => (m, m.IsTraining))]);

    /// <summary>The scope of <see cref="EvalScope"/> and <see cref="PreserveModes"/>; ending it restores each module's mode.</summary>
    public sealed class ModeScope : IDisposable
    {
        private readonly List<(Module Module, bool Training)> modes;

        internal ModeScope(List<(Module Module, bool Training)> modes) => this.modes = modes;

        public void Dispose()
        {
            foreach (var (module, training) in modes) module.IsTraining = training;
        }
    }

    /// <summary><see cref="ModuleExtensions.RequiresGrad"/>.</summary>
    internal void SetRequiresGrad(bool requiresGrad)
    {
        foreach (var p in Parameters()) p.RequiresGrad = requiresGrad;
    }

    /// <summary><see cref="ModuleExtensions.To"/>.</summary>
    internal void ConvertTo(DType dtype)
    {
        if (!dtype.IsFloatingPoint())
            throw new ArgumentException($"{GetType().Name}.To: modules hold floating-point parameters; cannot convert them to {dtype.Name()}.");
        using (Autograd.NoGrad())
            foreach (var (_, module) in Walk(removeDuplicates: true))
                foreach (var tensor in module.parameters.Concat(module.buffers).Select(kv => kv.Value))
                    if (tensor.DType.IsFloatingPoint() && tensor.DType != dtype)
                        tensor.ReplaceData(tensor.To(dtype));
    }


    /// <summary>
    /// Clears the gradients of all parameters: sets them to null (PyTorch's default set_to_none=True), or with
    /// <paramref name="setToNone"/> false fills them with zeros in place, keeping their memory for the next backward.
    /// </summary>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var p in Parameters()) p.ClearGrad(setToNone);
    }

    // ---------------------------------------------------------------- state dict

    /// <summary>
    /// Parameters and buffers by dotted name, detached from the graph, module by module (own parameters, own
    /// buffers, then children), as PyTorch orders them. The values share storage with the module: clone them to
    /// keep a snapshot across training steps. Unlike <see cref="NamedParameters"/>, a shared tensor is listed under
    /// every name it has, so the dictionary loads back into the same architecture.
    /// </summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>();
        foreach (var (name, tensor) in StateEntries()) state[name] = tensor.Detach();
        return state;
    }

    private IEnumerable<(string Name, Tensor Tensor)> StateEntries()
    {
        foreach (var (prefix, module) in Walk(removeDuplicates: false))
        {
            foreach (var (name, p) in module.parameters) yield return (Join(prefix, name), p);
            foreach (var (name, b) in module.buffers) yield return (Join(prefix, name), b);
        }
    }

    /// <summary>
    /// Copies values from <paramref name="state"/> into this module's parameters and buffers, converting each incoming
    /// tensor to the dtype of the tensor it replaces. Nothing is copied unless every shape matches. With
    /// <paramref name="strict"/> (default), missing or unexpected keys throw, listing all of them; otherwise they are
    /// returned. Shape mismatches always throw, as in PyTorch.
    /// </summary>
    public LoadResult LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var own = StateEntries().ToList();
        var ownNames = own.Select(e => e.Name).ToHashSet();
        var missing = own.Where(e => !state.ContainsKey(e.Name)).Select(e => e.Name).ToList();
        var unexpected = state.Keys.Where(k => !ownNames.Contains(k)).ToList();
        var mismatched = own
            .Where(e => state.TryGetValue(e.Name, out var v) && !v.Shape.AsSpan().SequenceEqual(e.Tensor.Shape))
            .Select(e => $"{e.Name}: expected shape {e.Tensor.ShapeText}, got {state[e.Name].ShapeText}")
            .ToList();

        if (mismatched.Count > 0 || (strict && (missing.Count > 0 || unexpected.Count > 0)))
        {
            var message = new StringBuilder($"{GetType().Name}.LoadStateDict: the state dict does not fit the module.");
            if (missing.Count > 0) message.Append(" Missing keys: ").Append(string.Join(", ", missing)).Append('.');
            if (unexpected.Count > 0) message.Append(" Unexpected keys: ").Append(string.Join(", ", unexpected)).Append('.');
            if (mismatched.Count > 0) message.Append(" Shape mismatches: ").Append(string.Join("; ", mismatched)).Append('.');
            throw new ArgumentException(message.ToString());
        }

        // Parameters require grad, so the in-place copy must not be recorded.
        using (Autograd.NoGrad())
        {
            foreach (var (name, tensor) in own)
                if (state.TryGetValue(name, out var value))
                    tensor.CopyFrom(value.Detach().To(tensor.DType));
        }
        return new LoadResult(missing, unexpected);
    }

    // ---------------------------------------------------------------- printing

    /// <summary>The layer's hyper-parameters for <see cref="ToString"/>, e.g. "in_features=64, out_features=32, bias=True".</summary>
    protected virtual string ExtraRepr() => "";

    /// <summary>A PyTorch-style tree: <c>Sequential(\n  (0): Linear(in_features=64, out_features=32, bias=True)\n  ...)</c>.</summary>
    public override string ToString()
    {
        var name = GetType().Name;
        if (children.Count == 0) return $"{name}({ExtraRepr()})";
        var text = new StringBuilder(name).Append('(');
        var extra = ExtraRepr();
        if (extra.Length > 0) text.Append("\n  ").Append(extra);
        foreach (var (childName, child) in children)
            text.Append("\n  (").Append(childName).Append("): ").Append(child.ToString().Replace("\n", "\n  "));
        return text.Append("\n)").ToString();
    }
}
