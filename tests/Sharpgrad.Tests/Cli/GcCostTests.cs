using System.Runtime.InteropServices;
using System.Text.Json;
using Sharpgrad.Cli.Bench;
using Sharpgrad.Cli.Bench.Workloads;

namespace Sharpgrad.Tests.Cli;

/// <summary>
/// The bench's GC and fresh-memory counters (<see cref="GcCost"/>): full collections and minor page faults per
/// operation, which show what a dying large output costs beyond the GC's pause time.
/// </summary>
public class GcCostTests
{
    [Fact]
    public void MinorFaultsAreField10TheEighthAfterACommandNameWithSpacesAndParentheses()
        // proc(5): pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt …
        => Assert.Equal(777, PageFaults.Parse("4242 (a b) (c)) R 1 2 3 4 5 6 777 8 9 10 11\n"u8));

    [Fact]
    public void ALineWithoutTheStatFieldsIsAnErrorNamingTheFormat()
    {
        var error = Assert.Throws<FormatException>(() => PageFaults.Parse("4242 (bench) R 1 2"u8));
        Assert.Contains("minflt as field 10", error.Message);
    }

    [Theory]
    [InlineData("4242 (bench) R 1 2")]          // cut before field 10
    [InlineData("4242 (bench) R 1 2 3 4 5 6 x7 8")] // field 10 not a number
    [InlineData("4242 (bench) R 1 2 3 4 5 6 -7 8")] // nor signed
    [InlineData("4242 bench R 1 2 3 4 5 6 7 8")]    // no command name
    public void AMalformedLineIsNoCountRatherThanAnError(string stat)
        // The bench's path (PageFaults.Minor) uses TryParse: a bad /proc omits the field instead of ending the run.
        => Assert.False(PageFaults.TryParse(System.Text.Encoding.UTF8.GetBytes(stat), out _));

    [Fact]
    public void TouchingFreshMemoryCountsItsPageFaultsPerOperation()
    {
        if (!OperatingSystem.IsLinux()) return;  // the counter exists on Linux only
        Assert.NotNull(PageFaults.Minor());
        // Past glibc's largest dynamic mmap threshold (32 MB on 64-bit), so malloc maps the block fresh from the OS
        // however much the process has allocated and freed before, instead of reusing touched heap memory.
        const int bytes = 64 << 20, operations = 4;
        long before = PageFaults.Minor()!.Value;
        var probe = GcCost.Start();
        nint memory = Marshal.AllocHGlobal(bytes);
        try
        {
            for (int i = 0; i < bytes; i += 4096) Marshal.WriteByte(memory, i, 1);
            var cost = probe.Stop(operations);
            long outside = PageFaults.Minor()!.Value - before;
            double inside = cost.PageFaultsPerOp!.Value * operations;
            // One fault per 4 KB page (16,384 here), or per 2 MB where the kernel backs the block with transparent huge
            // pages (32): at least 16 with a margin. The per-op figure times the operations must be the window's count,
            // which an enclosing count bounds from above (undivided it would be 4x too large).
            Assert.True(inside >= 16, $"{inside} faults in the window");
            Assert.True(inside <= outside, $"{cost.PageFaultsPerOp} faults per op x {operations} > {outside} faults around the window");
        }
        finally { Marshal.FreeHGlobal(memory); }
    }

    [Fact]
    public void FullCollectionsAreGeneration2sAndAllAreCollections()
    {
        int generation2Before = GC.CollectionCount(2);
        var probe = GcCost.Start();
        for (int i = 0; i < 6; i++) GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        for (int i = 0; i < 3; i++) GC.Collect(1, GCCollectionMode.Forced, blocking: true);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        var cost = probe.Stop(operations: 1);
        int generation2s = GC.CollectionCount(2) - generation2Before;
        // Counted as gen 0 or gen 1 the full collections would be ≥ 10 or ≥ 4, more than the gen-2 count around them.
        Assert.True(cost.Collections >= 10, $"{cost.Collections} collections");
        Assert.InRange(cost.FullCollections, 1, generation2s);
        var output = new StringWriter();
        new BenchReport(output, threads: 1).Write("probe", 1, "ms", cost);
        var line = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal(cost.FullCollections, line.GetProperty("gc_full_collections").GetInt32());
        Assert.Equal(OperatingSystem.IsLinux(), line.TryGetProperty("page_faults_per_op", out _));
    }

    [Fact]
    public void ReadingTheFaultCounterAllocatesNothing()
    {
        if (!OperatingSystem.IsLinux()) return;  // the counter exists on Linux only
        Assert.NotNull(PageFaults.Minor());      // the first read opens the file
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) PageFaults.Minor();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void AnEmptyWindowAllocatesNothingForItsOwnCounters()
        // Reading /proc/self/stat into a string costs ≈ 12 KB; inside the window it would count as the work's.
        => AssertAllocatesUnder(1024, () => GcCost.Start().Stop(operations: 1).AllocatedBytesPerOp);

    [Fact]
    public void AProductTimersWindowHoldsOnlyTheProductsAllocations()
    {
        var result = Tensor.Zeros([4, 4], DType.Float32);
        var options = new BenchOptions(Threads: 1, Only: new HashSet<string>(), DataDirectory: "", ShowHelp: false);
        const double flops = 1e9;  // 5 timed calls of a product that allocates nothing
        AssertAllocatesUnder(1024, () => ProductTimer.Measure(() => result, flops, options).Gc.AllocatedBytesPerOp * 5);
    }

    /// <summary>
    /// The least of a few windows: other tests run in parallel and their allocations count too (the counter is
    /// process-wide), but only add; a counter that allocates in the window does so every time.
    /// </summary>
    private static void AssertAllocatesUnder(double bytes, Func<double> window)
    {
        double least = double.MaxValue;
        for (int attempt = 0; attempt < 10 && least >= bytes; attempt++) least = Math.Min(least, window());
        Assert.True(least < bytes, $"{least} bytes allocated in the window");
    }
}
