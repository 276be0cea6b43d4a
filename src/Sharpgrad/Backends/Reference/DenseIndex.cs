namespace Sharpgrad.Backends.Reference;

/// <summary>
/// Where element [a, b, c] of a contiguous tensor read as [·, <paramref name="Middle"/>, <paramref name="Inner"/>] lives
/// in its storage: offset + (a·Middle + b)·Inner + c. Images [N, C, pixels], weights [O, C/G, taps] and column matrices
/// [rows, columns] (Middle 1) are all read this way by the convolution loops.
/// </summary>
internal readonly record struct DenseIndex(int Offset, int Middle, int Inner)
{
    public int this[int a, int b, int c] => Offset + (a * Middle + b) * Inner + c;
}
