namespace Sharpgrad.NN;

public static partial class Functional
{
    /// <summary>
    /// Pads the trailing dims of <paramref name="input"/> by extending it past its border as
    /// <paramref name="mode"/> says: zeros, a mirror image, the edge value, or the input wrapped around.
    /// <paramref name="pads"/> lists (before, after) pairs starting from the last dim, as torch.nn.functional.pad:
    /// <c>[left, right]</c> pads the last dim, <c>[left, right, top, bottom]</c> the last two. With
    /// <see cref="PaddingMode.Zeros"/> a negative pad crops.
    /// </summary>
    /// <remarks>
    /// Reflect, replicate and circular padding read each output position from one input position, so they are an
    /// <see cref="Tensor.IndexSelect"/> along each padded dim with the index map of the mode; its backward adds the
    /// gradient of every copy back onto its source (IndexAdd).
    /// </remarks>
    public static Tensor Pad(Tensor input, int[] pads, PaddingMode mode = PaddingMode.Zeros)
    {
        CheckPads(input, pads);
        if (mode == PaddingMode.Zeros) return Pad(input, pads, 0.0);
        var result = input;
        for (int pair = 0; pair < pads.Length / 2; pair++)
        {
            int dim = input.Rank - 1 - pair, before = pads[2 * pair], after = pads[2 * pair + 1], size = input.Size(dim);
            if (before < 0 || after < 0)
                throw new ArgumentException($"Pad: {Name(mode)} padding cannot be negative, got {before} and {after} on dim {dim} (input shape {input.ShapeText}).");
            if (before == 0 && after == 0) continue;
            // Reflection mirrors about the edge element, so it can reach at most size − 1 positions; wrapping at most size.
            int limit = mode == PaddingMode.Reflect ? size - 1 : mode == PaddingMode.Circular ? size : int.MaxValue;
            if (size == 0 || before > limit || after > limit)
                throw new ArgumentException(
                    $"Pad: {Name(mode)} padding ({before}, {after}) on dim {dim} is too large for its size {size} (input shape {input.ShapeText}); " +
                    $"it must be at most {(mode == PaddingMode.Reflect ? "size − 1" : "size")}.");
            result = result.IndexSelect(dim, SourcePositions(mode, before, after, size));
        }
        return result;
    }

    /// <summary>Pads with a constant <paramref name="value"/> (torch's mode "constant"); a negative pad crops.</summary>
    public static Tensor Pad(Tensor input, int[] pads, double value)
    {
        CheckPads(input, pads);
        var result = input;
        for (int pair = 0; pair < pads.Length / 2; pair++)
        {
            int dim = input.Rank - 1 - pair, before = pads[2 * pair], after = pads[2 * pair + 1];
            int size = result.Size(dim);
            if (size + before + after < 0)
                throw new ArgumentException($"Pad: pads ({before}, {after}) on dim {dim} crop more than its size {size} (input shape {input.ShapeText}).");
            // Negative pads crop first; positive ones then join constant blocks on either side.
            int start = Math.Max(0, -before), end = size - Math.Max(0, -after);
            if (start > 0 || end < size) result = result.Narrow(dim, start, Math.Max(0, end - start));
            if (before <= 0 && after <= 0) continue;
            var parts = new List<Tensor>(3);
            if (before > 0) parts.Add(Tensor.Full(BlockShape(result, dim, before), value, input.DType));
            parts.Add(result);
            if (after > 0) parts.Add(Tensor.Full(BlockShape(result, dim, after), value, input.DType));
            result = Tensor.Cat(parts, dim);
        }
        return result;
    }

    private static void CheckPads(Tensor input, int[] pads)
    {
        ArgumentNullException.ThrowIfNull(pads);
        if (pads.Length % 2 != 0 || pads.Length / 2 > input.Rank)
            throw new ArgumentException(
                $"Pad: pads must be (before, after) pairs for at most {input.Rank} dims of the input of shape {input.ShapeText}, got [{string.Join(", ", pads)}].");
    }

    private static int[] BlockShape(Tensor t, int dim, int length)
    {
        int[] shape = t.Shape;
        shape[dim] = length;
        return shape;
    }

    /// <summary>For padded positions i = −before … size + after − 1, the input position each one copies (int64).</summary>
    private static Tensor SourcePositions(PaddingMode mode, int before, int after, int size)
    {
        var i = Tensor.Arange(-before, size + after);
        return mode switch
        {
            PaddingMode.Reflect => (size - 1) - ((size - 1) - i.Abs()).Abs(),
            PaddingMode.Replicate => i.Clamp(0, size - 1),
            _ => Tensor.Where(i.Lt(0), i + size, Tensor.Where(i.Ge(size), i - size, i)),
        };
    }

    private static string Name(PaddingMode mode) => mode.ToString().ToLowerInvariant();
}
