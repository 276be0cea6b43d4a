using System.Globalization;

namespace Sharpgrad.Data;

/// <summary>
/// Reads the numeric CSV tables behind <see cref="Datasets"/>: one sample per line, the features followed by an
/// integer class label in the last column. Two layouts occur:
/// <list type="bullet">
/// <item>with a header line <c>n_samples,n_features,class_name_0,class_name_1,...</c> (scikit-learn's
/// iris.csv, wine_data.csv, breast_cancer.csv), which is checked against the rows that follow;</item>
/// <item>without a header (digits.csv.gz), where the caller states the feature and class counts.</item>
/// </list>
/// Every malformed line is reported with the file name, its 1-based line number and, for a bad value, its 1-based column.
/// </summary>
internal static class LabeledCsv
{
    /// <summary>A parsed table: features row-major [Rows, FeatureCount] and one label in 0..ClassNames.Length−1 per row.</summary>
    internal sealed record Table(float[] Features, long[] Labels, int FeatureCount, string[] ClassNames)
    {
        public int Rows => Labels.Length;
    }

    /// <summary>Parses a table that starts with a scikit-learn style header naming the sizes and the classes.</summary>
    public static Table ParseWithHeader(TextReader reader, string fileName)
    {
        string? header = reader.ReadLine();
        var fields = header?.Split(',');
        if (fields is null || fields.Length < 3
            || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int samples)
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int features))
            throw Malformed(fileName, 1, $"expected a header 'n_samples,n_features,class names...', got '{Shorten(header ?? "<end of file>")}'");
        var table = ParseRows(reader, fileName, features, fields[2..], firstLine: 2);
        if (table.Rows != samples)
            throw new InvalidDataException($"Datasets: {fileName}: the header declares {samples} samples but the file has {table.Rows}.");
        return table;
    }

    /// <summary>Parses header-less rows of <paramref name="featureCount"/> features and a label in 0..classCount−1.</summary>
    public static Table ParseHeaderless(TextReader reader, string fileName, int featureCount, int classCount)
        => ParseRows(reader, fileName, featureCount,
            Enumerable.Range(0, classCount).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray(), firstLine: 1);

    private static Table ParseRows(TextReader reader, string fileName, int featureCount, string[] classNames, int firstLine)
    {
        var features = new List<float>();
        var labels = new List<long>();
        int lineNumber = firstLine - 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue; // e.g. a trailing newline
            var fields = line.Split(',');
            if (fields.Length != featureCount + 1)
                throw Malformed(fileName, lineNumber,
                    $"expected {featureCount + 1} comma-separated fields ({featureCount} features and a label), got {fields.Length}");
            for (int f = 0; f < featureCount; f++)
            {
                if (!float.TryParse(fields[f], NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                    throw Malformed(fileName, lineNumber, $"column {f + 1} '{Shorten(fields[f])}' is not a finite number");
                features.Add(value);
            }
            if (!long.TryParse(fields[^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long label)
                || label < 0 || label >= classNames.Length)
                throw Malformed(fileName, lineNumber,
                    $"column {featureCount + 1}: label '{Shorten(fields[^1])}' is not a class index in 0..{classNames.Length - 1}");
            labels.Add(label);
        }
        return new Table([.. features], [.. labels], featureCount, classNames);
    }

    private static InvalidDataException Malformed(string fileName, int line, string problem)
        => new($"Datasets: {fileName}: line {line}: {problem}.");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
