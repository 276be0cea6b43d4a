using System.Collections;
using System.Runtime.CompilerServices;

namespace Sharpgrad.NN;

/// <summary>
/// The tensors inside a module's input or output, whatever its shape: a tensor, a tuple (nested ones too, e.g. an
/// LSTM's (output, (h, c))), an array or list of tensors, or null. Hooks receive inputs and outputs as objects;
/// tools that work on any model (Summary, activation statistics) read them through this.
/// </summary>
public static class TensorTree
{
    /// <summary>Every tensor in <paramref name="value"/>, depth-first, left to right.</summary>
    public static IEnumerable<Tensor> Flatten(object? value)
    {
        switch (value)
        {
            case null:
                yield break;
            case Tensor t:
                yield return t;
                yield break;
            case ITuple tuple:
                for (int i = 0; i < tuple.Length; i++)
                    foreach (var t in Flatten(tuple[i])) yield return t;
                yield break;
            case IDictionary dictionary:   // a dictionary of named outputs: its values, in its own order
                foreach (var item in dictionary.Values)
                    foreach (var t in Flatten(item)) yield return t;
                yield break;
            case IEnumerable items:
                foreach (var item in items)
                    foreach (var t in Flatten(item)) yield return t;
                yield break;
        }
    }
}
