using System.Collections;
using System.Globalization;

namespace Sharpgrad.NN;

/// <summary>
/// An indexable list of submodules registered under "0", "1", … (PyTorch's <c>nn.ModuleList</c>), for models that
/// loop over their layers themselves, e.g. a stack of recurrent layers or attention blocks. It has no forward of its
/// own. <typeparamref name="T"/> keeps the elements' type, so <c>ModuleList&lt;Linear&gt;</c> hands back Linears.
/// </summary>
public class ModuleList<T> : Module, IReadOnlyList<T> where T : Module
{
    private readonly List<T> items = [];

    public ModuleList(params IEnumerable<T> modules)
    {
        foreach (var module in modules) Add(module);
    }

    /// <summary>Appends <paramref name="module"/> under the next index; also enables collection initialisers.</summary>
    public ModuleList<T> Add(T module)
    {
        RegisterModule(items.Count.ToString(CultureInfo.InvariantCulture), module);
        items.Add(module);
        return this;
    }

    public int Count => items.Count;

    public T this[int index] => index >= 0 && index < items.Count
        ? items[index]
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"ModuleList: index {index} is out of range for {items.Count} modules.");

    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A <see cref="ModuleList{T}"/> of modules of any type.</summary>
public sealed class ModuleList(params IEnumerable<Module> modules) : ModuleList<Module>(modules);
