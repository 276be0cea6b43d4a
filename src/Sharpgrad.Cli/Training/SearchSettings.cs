using System.Globalization;

namespace Sharpgrad.Cli.Training;

/// <summary>What <c>sharpgrad search</c> was asked to do, already validated.</summary>
/// <param name="SpaceFile">The JSON search plan (see <see cref="SearchPlan"/>); the file exists.</param>
/// <param name="Trials">Overrides the plan's number of random trials; null keeps it.</param>
/// <param name="OutputDirectory">Folder for <c>search.csv</c>; may not exist yet.</param>
public sealed record SearchSettings(string SpaceFile, int? Trials, string OutputDirectory)
{
    /// <summary>The folder used when <c>--out</c> is not given: <c>runs/search-&lt;yyyyMMdd-HHmmss&gt;</c>.</summary>
    public static string DefaultOutputDirectory(DateTime startedAt) =>
        Path.Combine("runs", $"search-{startedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
}
