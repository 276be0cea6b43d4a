namespace Sharpgrad.NN;

/// <summary>
/// The inverse of <see cref="Flatten"/>: splits dim <see cref="Dim"/> into <see cref="Sizes"/>, e.g. the [N, 784]
/// output of a decoder's Linear layer back into [N, 1, 28, 28] images. One size may be −1, inferred from the rest.
/// </summary>
public sealed class Unflatten : Module<Tensor, Tensor>
{
    public Unflatten(int dim, int[] sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Length == 0 || sizes.Count(s => s == -1) > 1 || sizes.Any(s => s < -1 || s == 0))
            throw new ArgumentException($"Unflatten: sizes must be positive, with at most one −1, got [{string.Join(", ", sizes)}].");
        Dim = dim;
        Sizes = (int[])sizes.Clone();
    }

    public int Dim { get; }
    public int[] Sizes { get; }

    protected override Tensor ForwardCore(Tensor input)
    {
        int rank = Math.Max(input.Rank, 1);
        if (Dim < -rank || Dim >= rank)
            throw new ArgumentException($"Unflatten: dim {Dim} is out of range for input shape {input.ShapeText}.");
        int dim = Dim < 0 ? Dim + input.Rank : Dim, size = input.Size(dim);
        int known = Sizes.Where(s => s != -1).Aggregate(1, (a, s) => a * s);
        bool fits = Sizes.Contains(-1) ? size % known == 0 : size == known;
        if (!fits)
            throw new ArgumentException(
                $"Unflatten: sizes [{string.Join(", ", Sizes)}] do not fit dim {dim} of size {size} (input shape {input.ShapeText}).");
        var shape = input.Shape;
        return input.Reshape([.. shape[..dim], .. Sizes, .. shape[(dim + 1)..]]);
    }

    protected override string ExtraRepr() => $"dim={Dim}, unflattened_size={PyRepr.Tuple(Sizes)}";
}
