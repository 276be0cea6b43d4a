using System.Numerics;

namespace Sharpgrad.Backends.Reference;

/// <summary>
/// The order the sorting primitives sort by: the usual order of numbers, with NaN above +∞ and all NaNs equal (as
/// PyTorch sorts), so that it is a total order and a sort is well defined on any data.
/// </summary>
internal static class SortOrder
{
    /// <summary>Negative when a sorts before b, 0 when they are equal in this order, positive when after.</summary>
    public static int Compare<T>(T a, T b) where T : INumber<T>
    {
        if (T.IsNaN(a)) return T.IsNaN(b) ? 0 : 1;
        if (T.IsNaN(b)) return -1;
        return a < b ? -1 : a > b ? 1 : 0;
    }
}
