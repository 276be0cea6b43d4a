namespace Sharpgrad.Data;

/// <summary>The continuous uniform draws the random transforms make (torch's <c>uniform_(low, high)</c>).</summary>
internal static class Uniform
{
    /// <summary>A value uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static double Draw(Generator generator, double low, double high) => low + generator.NextDouble() * (high - low);
}
