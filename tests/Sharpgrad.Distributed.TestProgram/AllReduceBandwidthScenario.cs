using System.Diagnostics;
using System.Globalization;
using Sharpgrad.Distributed;

namespace Sharpgrad.Distributed.TestProgram;

/// <summary>
/// A measurement, not a check (bench/ddp_lenet.sh runs it against bench/allreduce.c): the time of one in-place sum
/// allreduce of 1 M float32 through the binding's span overload, which is what DistributedDataParallel's buckets
/// call. Same method as the C program: 10 warm-up calls, then the mean time of 100 calls after a barrier, averaged
/// over the ranks; bandwidth counts the buffer once, 4 MB / t. The buffer holds zeros, so repeated sums stay finite.
/// </summary>
internal static class AllReduceBandwidthScenario
{
    private const int Count = 1 << 20;
    private const int WarmUp = 10;
    private const int Iterations = 100;

    public static void Run(Communicator world)
    {
        var buffer = new float[Count];
        for (int i = 0; i < WarmUp; i++) world.AllReduce<float>(buffer);
        world.Barrier();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < Iterations; i++) world.AllReduce<float>(buffer);
        Span<double> seconds = [Stopwatch.GetElapsedTime(start).TotalSeconds / Iterations];
        world.AllReduce(seconds, ReduceOp.Mean);
        double ms = seconds[0] * 1e3;
        double gbPerSecond = Count * sizeof(float) / seconds[0] / 1e9;
        Report.Line(world, "allreduce-1M-float-ms", ms.ToString("F3", CultureInfo.InvariantCulture));
        Report.Line(world, "allreduce-1M-float-GB/s", gbPerSecond.ToString("F2", CultureInfo.InvariantCulture));
    }
}
