using System.Collections;

namespace Sharpgrad.NN;

/// <summary>
/// A chain of modules applied in order, each to the previous one's output: the layered composition
/// f(x) = f⁽ⁿ⁾(…f⁽²⁾(f⁽¹⁾(x))) of GBC §6 ("feedforward networks"). Children are named "0", "1", … so the state-dict keys
/// match PyTorch's ("0.weight", "2.bias", and "1.0.weight" for a nested Sequential), unless a module is added under a
/// name of its own (PyTorch's <c>nn.Sequential(OrderedDict(...))</c>, e.g. torchvision's DenseNet "features.conv0").
/// </summary>
public sealed class Sequential : Module<Tensor, Tensor>, IEnumerable<Module<Tensor, Tensor>>
{
    private readonly List<Module<Tensor, Tensor>> layers = [];

    public Sequential(params Module<Tensor, Tensor>[] modules)
    {
        foreach (var module in modules) Add(module);
    }

    /// <summary>Appends a module, named by its position. Also enables collection initialisers: <c>new Sequential { a, b }</c>.</summary>
    public Sequential Add(Module<Tensor, Tensor> module) =>
        Add(layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);

    /// <summary>Appends a module under <paramref name="name"/> (PyTorch's <c>add_module</c> on a Sequential); it still runs in order.</summary>
    public Sequential Add(string name, Module<Tensor, Tensor> module)
    {
        if (NamedChildren().Any(c => c.Name == name))
            throw new ArgumentException($"Sequential: a module named \"{name}\" was already added; names must be unique.");
        RegisterModule(name, module);
        layers.Add(module);
        return this;
    }

    public int Count => layers.Count;

    /// <summary>The module at <paramref name="index"/> (also <c>model[^1]</c> for the last).</summary>
    public Module<Tensor, Tensor> this[int index] => index >= 0 && index < layers.Count
        ? layers[index]
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"Sequential: index {index} is out of range for {layers.Count} modules.");

    /// <remarks>
    /// When every module below is a built-in layer that keeps nothing (<see cref="FeedForwardLayers"/>) and has no hook,
    /// the activations go back to the buffer pool: with gradients on once backward has freed the graph, and in eval-mode
    /// no-grad inference as soon as the next layer has read them (<see cref="LayerChainBuffers"/>; GBC §6: in a
    /// feed-forward chain only the next layer reads an activation). Nested Sequentials join the outermost call.
    /// </remarks>
    protected override Tensor ForwardCore(Tensor input)
        => TrainingCallRecycling.Run(this, FeedForwardLayers.ThatKeepNothing, () => Chain(input));

    private Tensor Chain(Tensor input)
    {
        var x = input;
        // Only the outermost chain decides: an enclosing one (a ResNet's stages are Sequentials) logs what this one
        // allocates and recycles it after this call returns, or recycles nothing below it; another open log (backward's)
        // is left alone. Where no activation can reach the pool's 4 KB minimum nothing would be recycled, so no chain is
        // opened; a Sequential below then skips it too, its activations being among those bounded.
        if (Autograd.IsGradEnabled || LayerChainBuffers.IsOpenOnThisThread || AllocationLog.Current is not null
            || !PoolSizedActivations.MayOccur(this, input))
        {
            foreach (var layer in layers) x = layer.Forward(x);
            return x;
        }
        // Why: an MLP at batch 64 allocated its four activations fresh on every call (200 KB), a gen-0 collection every
        // ~80 calls, which set the p99 latency (docs/performance.md, "Sequential inference recycles its activations
        // (branch small21)").
        using var buffers = LayerChainBuffers.Open(this, FeedForwardLayers.ThatKeepNothing);
        foreach (var layer in layers) x = buffers.Next(layer.Forward(x));
        return x;
    }

    public IEnumerator<Module<Tensor, Tensor>> GetEnumerator() => layers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
