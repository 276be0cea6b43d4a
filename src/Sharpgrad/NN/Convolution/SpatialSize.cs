namespace Sharpgrad.NN;

/// <summary>
/// A size per spatial dim — kernel size, stride, dilation, pooling output size — written as PyTorch writes it:
/// one number for every dim (<c>kernelSize: 3</c>), or one per dim as a tuple (<c>(3, 5)</c>) or an array. Dims are
/// listed outermost first: (depth, height, width), (height, width) or (length).
/// </summary>
public readonly struct SpatialSize
{
    private readonly int[] values;

    public SpatialSize(params int[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0) throw new ArgumentException("SpatialSize: needs at least one value.");
        this.values = (int[])values.Clone();
    }

    public static implicit operator SpatialSize(int size) => new(size);
    public static implicit operator SpatialSize((int, int) sizes) => new(sizes.Item1, sizes.Item2);
    public static implicit operator SpatialSize((int, int, int) sizes) => new(sizes.Item1, sizes.Item2, sizes.Item3);
    public static implicit operator SpatialSize(int[] sizes) => new(sizes);

    /// <summary>
    /// The value for each of <paramref name="dims"/> dims, repeating a single number; anything else must have
    /// exactly one value per dim, each at least <paramref name="minimum"/>.
    /// </summary>
    internal int[] For(int dims, string op, string what, int minimum)
    {
        var given = values ?? throw new ArgumentException($"{op}: {what} is missing.");
        if (given.Length != 1 && given.Length != dims)
            throw new ArgumentException($"{op}: {what} needs 1 or {dims} values (one per spatial dim), got {this}.");
        var result = given.Length == 1 ? Enumerable.Repeat(given[0], dims).ToArray() : (int[])given.Clone();
        if (result.Any(v => v < minimum))
            throw new ArgumentException($"{op}: {what} must be at least {minimum} in every dim, got {this}.");
        return result;
    }

    /// <summary>"3" for one number or equal ones, else "(3, 5)".</summary>
    public override string ToString() => values is null ? "(unset)" : Text(values);

    /// <summary>"3" when every dim has the same value, else "(3, 5)"; for messages and module descriptions.</summary>
    internal static string Text(int[] sizes) =>
        sizes.All(s => s == sizes[0]) ? sizes[0].ToString(System.Globalization.CultureInfo.InvariantCulture) : "(" + string.Join(", ", sizes) + ")";
}
