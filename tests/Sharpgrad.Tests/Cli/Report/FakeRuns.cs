using Sharpgrad.Cli.Plots;
using Sharpgrad.Cli.Training;
using SkiaSharp;

namespace Sharpgrad.Tests.Cli.Report;

/// <summary>
/// Run folders for the report tests, written with the same writers the real commands use, with tiny solid-colour PNGs
/// for figures (a colour the browser test can look for in its screenshot).
/// </summary>
public static class FakeRuns
{
    /// <summary>The figures' colour: pure magenta, which no part of the page's style uses.</summary>
    public static readonly SKColor FigureColour = new(255, 0, 255);

    /// <summary>Writes a <paramref name="width"/>×<paramref name="height"/> PNG of one colour.</summary>
    public static void SolidPng(string path, int width = 120, int height = 80)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(FigureColour);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, data.ToArray());
    }

    /// <summary>A finished three-epoch <c>sharpgrad train</c> run folder: metrics, settings record, curves and confusion matrix.</summary>
    public static void TrainingRun(string directory)
    {
        Directory.CreateDirectory(directory);
        MetricsCsv.Write(Path.Combine(directory, MetricsCsv.FileName),
        [
            new EpochMetrics(1, 1.5, 0.60, 1.4, 0.625),
            new EpochMetrics(2, 0.5, 0.85, 0.6, 0.875),
            new EpochMetrics(3, 0.25, 0.95, 0.7, 0.8125),
        ]);
        RecordedSettings.Write(new TrainSettings(ModelKind.Mlp, 3, 0.1, 32, 7, [32], OptimizerKind.Sgd, directory));
        SolidPng(Path.Combine(directory, TrainingCurvesPlot.FileName));
        SolidPng(Path.Combine(directory, ConfusionMatrixPlot.FileName));
    }

    /// <summary>Counts the pixels of <see cref="FigureColour"/> (within a small tolerance for colour management) in a PNG.</summary>
    public static int FigurePixels(string png) => CountPixels(png, c => c.Red > 240 && c.Green < 15 && c.Blue > 240);

    /// <summary>Counts the pixels that are not (near) white: text, rules and figures.</summary>
    public static int NonWhitePixels(string png) => CountPixels(png, c => c.Red < 200 || c.Green < 200 || c.Blue < 200);

    private static int CountPixels(string png, Func<SKColor, bool> counted)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidDataException($"{png}: not a PNG that SkiaSharp can decode.");
        int count = 0;
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
                if (counted(bitmap.GetPixel(x, y))) count++;
        return count;
    }
}
