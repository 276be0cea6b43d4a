using System.Runtime.InteropServices;
using System.Text.Json;
using Sharpgrad.Cli.Bench;

namespace Sharpgrad.Tests.Cli;

/// <summary>
/// The bench's GC and fresh-memory counters (<see cref="GcCost"/>): full collections and minor page faults per
/// operation, which show what a dying large output costs beyond the GC's pause time.
/// </summary>
public class GcCostTests
{
    [Fact]
    public void MinorFaultsAreTheTenthFieldAfterACommandNameWithSpacesAndParentheses()
        // proc(5): pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt …
        => Assert.Equal(777, PageFaults.Parse("4242 (a b) (c)) R 1 2 3 4 5 6 777 8 9 10 11"));

    [Fact]
    public void ALineWithoutTheStatFieldsIsAnErrorNamingTheFormat()
    {
        var error = Assert.Throws<FormatException>(() => PageFaults.Parse("4242 (bench) R 1 2"));
        Assert.Contains("minflt as field 10", error.Message);
    }

    [Fact]
    public void TouchingFreshMemoryCountsItsPageFaults()
    {
        if (PageFaults.Minor() is null) return;  // no /proc/self/stat: the counter is absent, not zero
        // Past glibc's largest dynamic mmap threshold (32 MB on 64-bit), so malloc maps the block fresh from the OS
        // however much the process has allocated and freed before, instead of reusing touched heap memory.
        const int bytes = 64 << 20;
        var probe = GcCost.Start();
        nint memory = Marshal.AllocHGlobal(bytes);
        try
        {
            for (int i = 0; i < bytes; i += 4096) Marshal.WriteByte(memory, i, 1);
            var cost = probe.Stop(operations: 2);
            // One fault per 4 KB page (16,384 here), or per 2 MB where the kernel backs the block with huge pages.
            Assert.True(cost.PageFaultsPerOp >= bytes / (2 << 20) / 2.0, $"{cost.PageFaultsPerOp} faults per op");
        }
        finally { Marshal.FreeHGlobal(memory); }
    }

    [Fact]
    public void AFullCollectionIsCountedAndWrittenWithTheFaults()
    {
        var probe = GcCost.Start();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        var cost = probe.Stop(operations: 1);
        Assert.True(cost.FullCollections >= 1);
        var output = new StringWriter();
        new BenchReport(output, threads: 1).Write("probe", 1, "ms", cost);
        var line = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.True(line.GetProperty("gc_full_collections").GetInt32() >= 1);
        Assert.Equal(PageFaults.Minor() is not null, line.TryGetProperty("page_faults_per_op", out _));
    }
}
