using Sharpgrad.NN;

namespace Sharpgrad.IO;

/// <summary>
/// Checks a state dict read from a file against the module it is meant for, beyond the names and shapes that
/// <see cref="Module.LoadStateDict"/> checks: a floating-point parameter or buffer must receive floating-point values.
/// A file whose F32 dtype was changed to I32 (same width, so the layout still checks out) would otherwise load its
/// float bit patterns as huge integers and convert them into weights of about 1e9. PyTorch's <c>load_state_dict</c>
/// converts silently; Sharpgrad refuses (docs/design.md).
/// </summary>
public static class StateDictFit
{
    /// <summary>Throws <see cref="InvalidDataException"/> naming <paramref name="file"/> and the first tensor whose kind of dtype does not fit.</summary>
    public static void CheckDTypes(Module module, IReadOnlyDictionary<string, Tensor> state, string file)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(state);
        foreach (var (name, own) in module.StateDict())
            if (own.DType.IsFloatingPoint() && state.TryGetValue(name, out var loaded) && !loaded.DType.IsFloatingPoint())
                throw new InvalidDataException(
                    $"{module.GetType().Name}.Load: {file}: tensor '{name}' holds {loaded.DType.Name()} values but the module's '{name}' is {own.DType.Name()}; "
                    + "expected a floating-point tensor (an integer dtype here means the file was damaged or is not these weights).");
    }
}
