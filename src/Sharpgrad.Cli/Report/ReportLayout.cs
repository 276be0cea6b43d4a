using System.Globalization;

namespace Sharpgrad.Cli.Report;

/// <summary>
/// Where things live in the site and how numbers look on it. Each experiment and each run gets a folder with an
/// <c>index.html</c> and its figures beside it, so names never clash (a run called "x.html" cannot collide with a page).
/// </summary>
public static class ReportLayout
{
    public const string PageFile = "index.html", ExperimentsFolder = "experiments", RunsFolder = "runs";

    /// <summary>The index's URL from a page <paramref name="depth"/> folders below it ("../../index.html" for 2).</summary>
    public static string IndexFromDepth(int depth) => string.Concat(Enumerable.Repeat("../", depth)) + PageFile;

    /// <summary>A command to copy, in a code block.</summary>
    public static SafeHtml Command(string command) => Html.Element("pre", Html.Element("code", command));

    /// <summary>A number for a table: four significant digits, or scientific notation when very large or small.</summary>
    public static string Number(double value) =>
        double.IsFinite(value) && value != 0 && (Math.Abs(value) < 1e-3 || Math.Abs(value) >= 1e5)
            ? value.ToString("0.###E+0", CultureInfo.InvariantCulture)
            : value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>A fraction in [0, 1] as a percentage with two decimals.</summary>
    public static string Percent(double fraction) => (100 * fraction).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
