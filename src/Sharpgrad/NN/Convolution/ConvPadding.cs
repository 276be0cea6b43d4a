namespace Sharpgrad.NN;

/// <summary>
/// A convolution's padding (GBC §9.5): a number of zeros (or reflected/replicated values, see
/// <see cref="PaddingMode"/>) added on both sides of each spatial dim, or one of the book's three named kinds:
/// <list type="bullet">
/// <item><c>"valid"</c>: no padding; the kernel only visits positions where it fits entirely, so each layer shrinks
/// the input by dilation·(k − 1).</item>
/// <item><c>"same"</c>: just enough padding, dilation·(k − 1) in total, for the output to keep the input's size. It
/// requires stride 1, as in PyTorch; for an even kernel the extra zero goes after the input (on the right).</item>
/// <item><c>"full"</c>: dilation·(k − 1) on each side, so every input pixel is visited by every kernel tap and the
/// output grows by dilation·(k − 1).</item>
/// </list>
/// Written like PyTorch's argument: <c>padding: 1</c>, <c>padding: (1, 2)</c>, <c>padding: "same"</c>.
/// </summary>
public readonly struct ConvPadding
{
    private enum Kind { Explicit, Valid, Same, Full }

    private readonly Kind kind;
    private readonly SpatialSize sizes;

    private ConvPadding(Kind kind, SpatialSize sizes)
    {
        this.kind = kind;
        this.sizes = sizes;
    }

    public static ConvPadding Valid => new(Kind.Valid, 0);
    public static ConvPadding Same => new(Kind.Same, 0);
    public static ConvPadding Full => new(Kind.Full, 0);

    public static implicit operator ConvPadding(int size) => new(Kind.Explicit, size);
    public static implicit operator ConvPadding((int, int) sizes) => new(Kind.Explicit, sizes);
    public static implicit operator ConvPadding((int, int, int) sizes) => new(Kind.Explicit, sizes);
    public static implicit operator ConvPadding(int[] sizes) => new(Kind.Explicit, sizes);

    /// <summary>"valid", "same" or "full" (any case).</summary>
    public static implicit operator ConvPadding(string name) => name?.ToLowerInvariant() switch
    {
        "valid" => Valid,
        "same" => Same,
        "full" => Full,
        _ => throw new ArgumentException($"ConvPadding: padding must be a number, \"valid\", \"same\" or \"full\", got \"{name}\"."),
    };

    /// <summary>
    /// The padding before and after the input along each dim, for a kernel of size <paramref name="kernel"/> taps
    /// spaced <paramref name="dilation"/> apart (an extent of dilation·(k − 1) + 1).
    /// </summary>
    internal (int[] Before, int[] After) Resolve(int[] kernel, int[] dilation, int[] stride, string op)
    {
        int dims = kernel.Length;
        var reach = Enumerable.Range(0, dims).Select(d => dilation[d] * (kernel[d] - 1)).ToArray();
        switch (kind)
        {
            case Kind.Valid:
                return (new int[dims], new int[dims]);
            case Kind.Full:
                return (reach, (int[])reach.Clone());
            case Kind.Same:
                if (stride.Any(s => s != 1))
                    throw new ArgumentException(
                        $"{op}: padding \"same\" is impossible with stride {SpatialSize.Text(stride)}: a strided output cannot keep the input's size; use stride 1 or a number.");
                return (reach.Select(r => r / 2).ToArray(), reach.Select(r => r - r / 2).ToArray());
            default:
                var both = sizes.For(dims, op, "padding", minimum: 0);
                return (both, (int[])both.Clone());
        }
    }

    public override string ToString() => kind switch
    {
        Kind.Valid => "valid",
        Kind.Same => "same",
        Kind.Full => "full",
        _ => sizes.ToString(),
    };
}
