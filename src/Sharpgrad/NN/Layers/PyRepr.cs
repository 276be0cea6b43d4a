using System.Globalization;

namespace Sharpgrad.NN;

/// <summary>
/// Python's spelling of values in module descriptions, so <c>ToString()</c> reads like PyTorch's print(model):
/// 1e-05, True/False, (3, 3) and (3,).
/// </summary>
internal static class PyRepr
{
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e");

    public static string Bool(bool value) => value ? "True" : "False";

    public static string Tuple(int[] values) => values.Length == 1 ? $"({values[0]},)" : "(" + string.Join(", ", values) + ")";
}
