using System.Diagnostics;
using System.Runtime;

namespace Sharpgrad.RevisionProbe;

/// <summary>
/// Times a workload in blocks after a warm-up that lasts until tiered compilation has settled, and counts what the
/// runtime did inside the timed part (methods compiled, gen-0 collections), so that a slow process can be told apart
/// from slow code.
/// </summary>
internal static class BlockTimer
{
    /// <summary>
    /// Runs the step for at least <paramref name="minSeconds"/>, then until a whole <paramref name="quietSeconds"/>
    /// window passes in which the JIT compiled nothing (tier-up and OSR finished), or until <paramref name="maxSeconds"/>.
    /// With tiered PGO a hot method goes tier 0 → instrumented tier → tier 1, each step on a background thread, so a
    /// fixed one-second warm-up can end with part of the op path still unoptimised.
    /// </summary>
    public static WarmUpResult WarmUp(ProbeWorkload workload, double minSeconds, double quietSeconds, double maxSeconds)
    {
        long start = Stopwatch.GetTimestamp();
        long quietSince = start;
        long compiled = JitInfo.GetCompiledMethodCount();
        while (true)
        {
            for (int i = 0; i < Math.Max(1, workload.OpsPerBlock / 20); i++) workload.Step();
            long now = Stopwatch.GetTimestamp();
            long nowCompiled = JitInfo.GetCompiledMethodCount();
            if (nowCompiled != compiled) { compiled = nowCompiled; quietSince = now; }
            double elapsed = Stopwatch.GetElapsedTime(start, now).TotalSeconds;
            bool settled = Stopwatch.GetElapsedTime(quietSince, now).TotalSeconds >= quietSeconds;
            if ((elapsed >= minSeconds && settled) || elapsed >= maxSeconds)
                return new WarmUpResult(elapsed, settled, compiled);
        }
    }

    /// <summary>Times <paramref name="blocks"/> blocks; with <paramref name="turns"/>, each block waits for its turn.</summary>
    public static IReadOnlyList<Block> Run(ProbeWorkload workload, int blocks, PairedTurns? turns)
    {
        var result = new List<Block>(blocks);
        for (int b = 0; b < blocks; b++)
        {
            turns?.WaitTurn();
            long compiled = JitInfo.GetCompiledMethodCount();
            int collections = GC.CollectionCount(0);
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            double cpu = CpuClock.ProcessSeconds();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < workload.OpsPerBlock; i++) workload.Step();
            double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
            cpu = CpuClock.ProcessSeconds() - cpu;
            result.Add(new Block(
                wall / workload.OpsPerBlock * 1e6,
                cpu / workload.OpsPerBlock * 1e6,
                (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)workload.OpsPerBlock,
                GC.CollectionCount(0) - collections,
                JitInfo.GetCompiledMethodCount() - compiled));
            turns?.PassTurn();
        }
        return result;
    }

    public readonly record struct WarmUpResult(double Seconds, bool Settled, long MethodsCompiled);

    /// <summary>One timed block: wall and process-CPU microseconds per op, bytes per op, and what the runtime did.</summary>
    public readonly record struct Block(double WallMicros, double CpuMicros, double BytesPerOp, int Gen0Collections, long MethodsCompiled);
}
