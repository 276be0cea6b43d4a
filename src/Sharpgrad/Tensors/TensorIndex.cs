namespace Sharpgrad;

/// <summary>
/// One entry of a tensor subscript: an integer (selects and removes the dim), a range <c>1..3</c> or <c>^2..</c>
/// (a view), a stepped slice, <see cref="NewAxis"/>, <see cref="Ellipsis"/>, or an index tensor.
/// Lets C# write PyTorch's <c>x[:, 0]</c> as <c>x[.., 0]</c> and <c>x[1:5:2]</c> as <c>x[TensorIndex.Slice(1, 5, 2)]</c>.
/// </summary>
public readonly struct TensorIndex
{
    internal enum Kind { Single, Range, NewAxis, Ellipsis, Tensor }

    internal Kind What { get; }
    internal int Single { get; }
    internal bool FromEnd { get; }
    internal Range Range { get; }
    internal int Step { get; }
    internal Tensor? IndexTensor { get; }

    private TensorIndex(Kind what, int single = 0, Range range = default, int step = 1, Tensor? index = null, bool fromEnd = false)
        => (What, Single, Range, Step, IndexTensor, FromEnd) = (what, single, range, step, index, fromEnd);

    public static implicit operator TensorIndex(int i) => new(Kind.Single, single: i);

    /// <summary><c>x[^1]</c>: the last element along the dim (resolved against the dim's size when applied).</summary>
    public static implicit operator TensorIndex(Index i) => new(Kind.Single, single: i.Value, fromEnd: i.IsFromEnd);

    public static implicit operator TensorIndex(Range r) => new(Kind.Range, range: r);

    public static implicit operator TensorIndex(Tensor t) => new(Kind.Tensor, index: t);

    /// <summary>Python's start:end:step; null bounds mean the beginning and end of the dim.</summary>
    public static TensorIndex Slice(int? start = null, int? end = null, int step = 1)
        => new(Kind.Range, range: new Range(ToIndex(start, Index.Start), ToIndex(end, Index.End)), step: step);

    private static Index ToIndex(int? v, Index whenNull) => v is null ? whenNull : v < 0 ? ^(-v.Value) : v.Value;

    /// <summary>Inserts a size-1 dim (Python's None).</summary>
    public static TensorIndex NewAxis { get; } = new(Kind.NewAxis);

    /// <summary>Stands for as many full dims as needed (Python's ...).</summary>
    public static TensorIndex Ellipsis { get; } = new(Kind.Ellipsis);
}
