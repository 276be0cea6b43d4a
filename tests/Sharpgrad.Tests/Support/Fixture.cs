using System.Text.Json;

namespace Sharpgrad.Tests.Support;

/// <summary>
/// Reads the PyTorch golden files in Fixtures/ (made by Fixtures/make_fixtures.py). A tensor is stored as
/// {"shape": [...], "data": [...]} in row-major order; <see cref="Tensor(JsonElement, DType)"/> turns it into one.
/// </summary>
public static class Fixture
{
    public static string PathOf(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static JsonElement Load(string name) => JsonDocument.Parse(File.ReadAllText(PathOf(name))).RootElement;

    public static Tensor Tensor(JsonElement json, DType dtype = DType.Float64)
    {
        var shape = json.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var data = Doubles(json.GetProperty("data"));
        return Sharpgrad.Tensor.FromArray(data, shape.Length == 0 ? [1] : shape).Reshape(shape).To(dtype);
    }

    /// <summary>The numbers of a JSON array; the strings "nan", "inf" and "-inf" stand for the values JSON cannot write.</summary>
    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
        ? e.GetString() switch
        {
            "nan" => double.NaN,
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            var other => throw new FormatException($"Fixture: \"{other}\" is not a number."),
        }
        : e.GetDouble()).ToArray();
}
