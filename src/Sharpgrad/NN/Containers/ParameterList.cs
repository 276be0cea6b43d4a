using System.Collections;
using System.Globalization;

namespace Sharpgrad.NN;

/// <summary>
/// A list of parameters registered under "0", "1", … (PyTorch's <c>nn.ParameterList</c>), for a module whose number of
/// weight tensors is chosen at run time, e.g. one bias per mixture component.
/// </summary>
public sealed class ParameterList : Module, IReadOnlyList<Tensor>
{
    private readonly List<Tensor> items = [];

    public ParameterList(params IEnumerable<Tensor> parameters)
    {
        foreach (var p in parameters) Add(p);
    }

    /// <summary>Registers <paramref name="parameter"/> (as a leaf requiring grad) under the next index and returns the registered tensor.</summary>
    public Tensor Add(Tensor parameter)
    {
        var registered = RegisterParameter(items.Count.ToString(CultureInfo.InvariantCulture), parameter);
        items.Add(registered);
        return registered;
    }

    public int Count => items.Count;

    public Tensor this[int index] => index >= 0 && index < items.Count
        ? items[index]
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"ParameterList: index {index} is out of range for {items.Count} parameters.");

    public IEnumerator<Tensor> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
