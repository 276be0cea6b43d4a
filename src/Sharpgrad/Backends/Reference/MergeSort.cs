namespace Sharpgrad.Backends.Reference;

/// <summary>
/// Top-down merge sort (Cormen, Leiserson, Rivest &amp; Stein, <i>Introduction to Algorithms</i>, §2.3.1): sort each
/// half, then merge them by repeatedly taking the smaller front element. Taking from the left half on ties makes it
/// stable, which is the sorting rule of every sort in the library.
/// </summary>
internal static class MergeSort
{
    /// <summary>Sorts <paramref name="items"/> stably by <paramref name="compare"/>.</summary>
    public static void Sort(int[] items, Comparison<int> compare)
    {
        if (items.Length < 2) return;
        int half = items.Length / 2;
        int[] left = items[..half], right = items[half..];
        Sort(left, compare);
        Sort(right, compare);
        int l = 0, r = 0;
        for (int k = 0; k < items.Length; k++)
        {
            bool takeRight = l == left.Length || (r < right.Length && compare(right[r], left[l]) < 0);
            items[k] = takeRight ? right[r++] : left[l++];
        }
    }
}
