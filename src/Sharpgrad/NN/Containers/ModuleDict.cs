using System.Collections;

namespace Sharpgrad.NN;

/// <summary>
/// Submodules by name, in insertion order (PyTorch's <c>nn.ModuleDict</c>): the name becomes the state-dict prefix
/// ("encoder.weight"), e.g. a GAN's "generator" and "discriminator". It has no forward of its own.
/// </summary>
public class ModuleDict<T> : Module, IReadOnlyDictionary<string, T> where T : Module
{
    private readonly Dictionary<string, T> items = [];
    private readonly List<string> order = [];

    public ModuleDict(params IEnumerable<(string Name, T Module)> modules)
    {
        foreach (var (name, module) in modules) Add(name, module);
    }

    /// <summary>Adds <paramref name="module"/> under <paramref name="name"/>, or replaces the module of that name.</summary>
    public ModuleDict<T> Add(string name, T module)
    {
        RegisterModule(name, module);
        if (!items.ContainsKey(name)) order.Add(name);
        items[name] = module;
        return this;
    }

    public T this[string name] => items.TryGetValue(name, out var module)
        ? module
        : throw new KeyNotFoundException($"ModuleDict: no module named \"{name}\"; it has {(order.Count == 0 ? "none" : string.Join(", ", order))}.");

    public int Count => order.Count;

    public IEnumerable<string> Keys => order;

    public IEnumerable<T> Values => order.Select(n => items[n]);

    public bool ContainsKey(string key) => items.ContainsKey(key);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T value) => items.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, T>> GetEnumerator() => order.Select(n => new KeyValuePair<string, T>(n, items[n])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A <see cref="ModuleDict{T}"/> of modules of any type.</summary>
public sealed class ModuleDict(params IEnumerable<(string Name, Module Module)> modules) : ModuleDict<Module>(modules);
