using System.Text.Json;

namespace Sharpgrad.Cli.Bench;

/// <summary>
/// Writes one JSON object per measurement, with the reference script's fields (<c>workload</c>, <c>value</c> rounded to
/// 4 decimals, or unrounded when <paramref name="exact"/>, <c>unit</c>, <c>threads</c>) followed by the garbage
/// collector's share of the timed loop.
/// </summary>
public sealed class BenchReport(TextWriter output, int threads, bool exact = false)
{
    public void Write(string workload, double value, string unit, GcCost? gc = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("workload", workload);
            json.WriteNumber("value", exact ? value : Math.Round(value, 4));
            json.WriteString("unit", unit);
            json.WriteNumber("threads", threads);
            if (gc is { } g)
            {
                json.WriteNumber("gc_pause_ms", Math.Round(g.PauseMilliseconds, 4));
                json.WriteNumber("gc_collections", g.Collections);
                json.WriteNumber("alloc_bytes_per_op", Math.Round(g.AllocatedBytesPerOp, 1));
                json.WriteNumber("gc_full_collections", g.FullCollections);
                if (g.PageFaultsPerOp is { } faults) json.WriteNumber("page_faults_per_op", Math.Round(faults, 2));
            }
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        output.Flush();
    }
}
