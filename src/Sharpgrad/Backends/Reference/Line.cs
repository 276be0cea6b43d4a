namespace Sharpgrad.Backends.Reference;

/// <summary>
/// One line of a contiguous block read as [outer, length, inner], the form the reductions, scans, sorts and softmax
/// work on: line (o, i) is the elements (o, 0, i), (o, 1, i), …, which lie <c>inner</c> apart in memory. A reduction
/// writes line (o, i)'s result to element <see cref="Number"/> = o·inner + i of its [outer, inner] output.
/// </summary>
internal readonly record struct Line(int Number, int Start, int Step)
{
    /// <summary>The storage position (before the tensor's offset) of the line's element r.</summary>
    public int this[int r] => Start + r * Step;

    /// <summary>Every line of an [outer, length, inner] block, in order.</summary>
    public static IEnumerable<Line> All(int outer, int length, int inner)
    {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
                yield return new Line(o * inner + i, o * length * inner + i, inner);
    }
}
