using System.Collections;
using System.Runtime.CompilerServices;

namespace Sharpgrad;

/// <summary>
/// The sizes of a tensor's dims, as <see cref="Tensor.Shape"/> returns them: an immutable list of ints that prints as
/// <c>[2, 3]</c>, compares by value, and converts implicitly to <c>int[]</c> and <c>ReadOnlySpan&lt;int&gt;</c>, so it
/// goes wherever a shape array is taken (<c>Tensor.Zeros(x.Shape)</c>, <c>y.Reshape(x.Shape)</c>). Indexing from the
/// end and ranges work as on arrays: <c>x.Shape[^1]</c>, <c>x.Shape[1..]</c>.
/// </summary>
[CollectionBuilder(typeof(TensorShape), nameof(Create))]
public sealed class TensorShape : IReadOnlyList<int>, IEquatable<TensorShape>
{
    private readonly int[] sizes;

    /// <summary>Copies <paramref name="sizes"/>, so the shape cannot change afterwards.</summary>
    public TensorShape(params ReadOnlySpan<int> sizes) => this.sizes = sizes.ToArray();

    /// <summary>The collection-expression builder: <c>TensorShape s = [2, 3];</c>.</summary>
    public static TensorShape Create(ReadOnlySpan<int> sizes) => new(sizes);

    /// <summary>The number of dims (the rank).</summary>
    public int Length => sizes.Length;

    int IReadOnlyCollection<int>.Count => sizes.Length;

    /// <summary>The size of dim <paramref name="dim"/>; count from the end with <c>^1</c> (C#'s index), not −1.</summary>
    public int this[int dim] => dim >= 0 && dim < sizes.Length ? sizes[dim]
        : throw new ArgumentOutOfRangeException(nameof(dim), dim,
            $"TensorShape: dim {dim} is out of range for shape {this}; count from the end with ^1 (C#'s index from end), not -1.");

    /// <summary>The sizes of a range of dims, e.g. <c>x.Shape[1..]</c> for everything after the batch dim.</summary>
    public int[] Slice(int start, int length) => sizes.AsSpan(start, length).ToArray();

    /// <summary>The number of elements: the product of the sizes (1 for a 0-d tensor).</summary>
    public long Volume() => sizes.Aggregate(1L, (p, s) => p * s);

    public int[] ToArray() => (int[])sizes.Clone();

    public ReadOnlySpan<int> AsSpan() => sizes;

    public static implicit operator int[](TensorShape shape) => shape.ToArray();

    public static implicit operator ReadOnlySpan<int>(TensorShape shape) => shape.sizes;

    public bool Equals(TensorShape? other) => other is not null && sizes.AsSpan().SequenceEqual(other.sizes);

    public override bool Equals(object? obj) => obj is TensorShape other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var s in sizes) hash.Add(s);
        return hash.ToHashCode();
    }

    public static bool operator ==(TensorShape? a, TensorShape? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(TensorShape? a, TensorShape? b) => !(a == b);

    /// <summary>"[2, 3]", as PyTorch prints torch.Size without its name.</summary>
    public override string ToString() => ShapeUtil.Format(sizes);

    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)sizes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
