using System.Globalization;
using Sharpgrad.Distributed;

namespace Sharpgrad.Distributed.TestProgram;

/// <summary>Prints one "rank|key|value" line per result, flushed at once so that lines survive a rank being killed.</summary>
internal static class Report
{
    public static void Line(Communicator world, string key, string value)
    {
        Console.Out.WriteLine($"{world.Rank}|{key}|{value}");
        Console.Out.Flush();
    }

    /// <summary>Values round-trip exactly ("R"), joined by spaces.</summary>
    public static void Values(Communicator world, string key, Tensor tensor)
        => Line(world, key, string.Join(' ', tensor.ToDoubleArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
}
