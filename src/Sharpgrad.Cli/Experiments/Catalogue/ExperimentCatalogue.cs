using System.Globalization;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Queries over the catalogue's entries: filtering by book, chapter and tag, grouping, and formatting.</summary>
public static class ExperimentCatalogue
{
    /// <summary>
    /// The entries citing <paramref name="book"/> (case-insensitive) and <paramref name="chapter"/> (of that book, when
    /// both are given) and carrying <paramref name="tag"/>; a null filter matches everything.
    /// </summary>
    public static IEnumerable<ExperimentInfo> Filter(IEnumerable<ExperimentInfo> entries, string? book, int? chapter, string? tag) =>
        entries.Where(info =>
            info.Books.Any(r => (book is null || string.Equals(r.Book, book, StringComparison.OrdinalIgnoreCase)) && (chapter is null || r.Chapter == chapter))
            && (tag is null || info.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase)));

    /// <summary>"0.4 s", "12 s", "3 min", "1.5 h".</summary>
    public static string FormatDuration(TimeSpan span) => span.TotalSeconds switch
    {
        < 10 => span.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture),
        < 120 => span.TotalSeconds.ToString("0 's'", CultureInfo.InvariantCulture),
        < 7200 => span.TotalMinutes.ToString("0 'min'", CultureInfo.InvariantCulture),
        _ => span.TotalHours.ToString("0.0 'h'", CultureInfo.InvariantCulture),
    };
}
