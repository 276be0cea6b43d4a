namespace Sharpgrad.Data;

/// <summary>
/// Marks a file-not-found error as "a data package is not installed" (Fashion-MNIST, fortunes, …), so a caller that
/// runs many jobs, such as <c>sharpgrad experiments run --all</c>, can skip that job with the install command while
/// still failing on any other missing file. The mark lives in <see cref="Exception.Data"/>, so the exception keeps its
/// own type (<see cref="FileNotFoundException"/> or <see cref="DirectoryNotFoundException"/>).
/// </summary>
public static class MissingData
{
    private const string Key = "Sharpgrad.MissingPackage";

    /// <summary>Records on <paramref name="error"/> that <paramref name="package"/> provides the missing data; returns it.</summary>
    public static TException Mark<TException>(TException error, string package) where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(error);
        error.Data[Key] = package;
        return error;
    }

    /// <summary>The package that provides the data <paramref name="error"/> could not find, or null if it is not such an error.</summary>
    public static string? PackageOf(Exception error) => error.Data[Key] as string;
}
