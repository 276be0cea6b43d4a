using System.Runtime.InteropServices;

namespace Sharpgrad.RevisionProbe;

/// <summary>
/// The process's CPU time (user + system, all threads) from <c>clock_gettime(CLOCK_PROCESS_CPUTIME_ID)</c>, which the
/// kernel keeps to the nanosecond; <see cref="System.Diagnostics.Process.TotalProcessorTime"/> is read from
/// /proc in clock ticks (10 ms), too coarse for a 50 ms block. On a shared machine wall time measures the load as
/// much as the code, so the probe reports both.
/// </summary>
internal static partial class CpuClock
{
    private const int ProcessCpuTimeId = 2;  // CLOCK_PROCESS_CPUTIME_ID on Linux

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    public static double ProcessSeconds()
    {
        if (ClockGetTime(ProcessCpuTimeId, out var time) != 0)
            throw new InvalidOperationException("RevisionProbe: clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed");
        return time.Seconds + time.Nanoseconds * 1e-9;
    }
}
