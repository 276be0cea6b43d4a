namespace Sharpgrad.NN.Memory;

/// <summary>Argument checks of the memory modules: every message names the module, the argument, its shape and the shape expected.</summary>
internal static class MemoryChecks
{
    public static void Rank(string module, string name, Tensor t, int rank, string layout)
    {
        if (t.Rank != rank)
            throw new ArgumentException($"{module}: {name} must be {layout}, got shape {ShapeText(t.Shape)}.");
        if (!t.DType.IsFloatingPoint())
            throw new ArgumentException($"{module}: {name} must be float32 or float64, got {t.DType.Name()}.");
    }

    /// <summary>Checks rank and sizes; −1 in <paramref name="expected"/> accepts any size.</summary>
    public static void Shape(string module, string name, Tensor t, int[] expected, string layout)
    {
        bool ok = t.Rank == expected.Length && expected.Select((e, i) => e < 0 || e == t.Shape[i]).All(b => b);
        if (!ok)
            throw new ArgumentException(
                $"{module}: {name} must be {layout} = {ShapeText(expected)}, got shape {ShapeText(t.Shape)}.");
        if (!t.DType.IsFloatingPoint())
            throw new ArgumentException($"{module}: {name} must be float32 or float64, got {t.DType.Name()}.");
    }

    public static void Positive(string module, params (string Name, int Value)[] sizes)
    {
        foreach (var (name, value) in sizes)
            if (value < 1) throw new ArgumentException($"{module}: {name} must be positive, got {value}.");
    }

    public static string ShapeText(IReadOnlyList<int> shape) => "[" + string.Join(", ", shape.Select(s => s < 0 ? "any" : s.ToString())) + "]";
}
