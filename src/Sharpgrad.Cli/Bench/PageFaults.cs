using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Sharpgrad.Cli.Bench;

/// <summary>
/// The process's minor page faults so far (Linux: field 10, <c>minflt</c>, of <c>/proc/self/stat</c>; null elsewhere,
/// or where that file cannot be opened or read as proc(5) describes it). A minor fault is the kernel mapping (and
/// zeroing) a 4 KB page on first touch: memory the GC has just taken from the OS, or handed back after a collection,
/// costs one per page, which shows as system CPU time in the timed loops of <see cref="Workloads.ProductTimer"/>.
/// </summary>
/// <remarks>
/// Reading allocates nothing: the file is opened once and re-read from offset 0 (which makes procfs regenerate the
/// line) into a stack buffer, and the line is parsed as bytes, so a <see cref="GcCost"/> window's allocated bytes are
/// the work's alone. A bench run never fails for want of this counter: where it is unreadable the field is omitted.
/// </remarks>
public static class PageFaults
{
    private const string StatPath = "/proc/self/stat";

    /// <summary>proc(5): pid (comm) state ppid pgrp session tty_nr tpgid flags minflt …, counted from 1.</summary>
    private const int MinorFaultsField = 10;

    /// <summary>The fields before <c>minflt</c> are at most a 20-digit number each and a 16-byte command name.</summary>
    private const int LineBytes = 1024;

    private static readonly SafeFileHandle? Stat = OpenStat();

    public static long? Minor()
    {
        if (Stat is null) return null;
        Span<byte> line = stackalloc byte[LineBytes];
        try
        {
            int length = RandomAccess.Read(Stat, line, fileOffset: 0);
            return TryParse(line[..length], out long minor) ? minor : null;
        }
        catch (IOException) { return null; }
    }

    /// <summary>
    /// <c>minflt</c> from a <c>/proc/[pid]/stat</c> line. The command name is parenthesised and may itself hold spaces
    /// and parentheses, so the fields are counted from its last ')': state is field 3, and minflt, field 10 of the
    /// line, is the eighth after the name.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> stat, out long minor)
    {
        minor = 0;
        int close = stat.LastIndexOf((byte)')');
        if (close < 0) return false;
        var rest = stat[(close + 1)..];
        for (int field = 3; field <= MinorFaultsField; field++)
        {
            if (rest.IsEmpty || rest[0] != (byte)' ') return false;
            rest = rest[1..];
            int end = rest.IndexOfAny((byte)' ', (byte)'\n');
            var token = end < 0 ? rest : rest[..end];
            if (field == MinorFaultsField)
                return long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out minor);
            rest = rest[token.Length..];
        }
        return false;
    }

    /// <summary><see cref="TryParse"/>, or an error naming the format when the line does not have it.</summary>
    public static long Parse(ReadOnlySpan<byte> stat) => TryParse(stat, out long minor)
        ? minor
        : throw new FormatException($"PageFaults: '{Encoding.UTF8.GetString(stat)}' is not a /proc/[pid]/stat line (expected 'pid (comm) state ppid …' with minflt as field 10).");

    private static SafeFileHandle? OpenStat()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try { return File.OpenHandle(StatPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
