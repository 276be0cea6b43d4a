namespace Sharpgrad.Kernels;

/// <summary>A contiguous matrix of rows in an array from an offset: row r of width n starts at offset + r·n.</summary>
internal readonly struct Span2<T>(T[] data, int offset) where T : unmanaged
{
    public Span<T> Row(int row, int width) => data.AsSpan(offset + row * width, width);
}
