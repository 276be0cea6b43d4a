namespace Sharpgrad.Classic;

/// <summary>How an <see cref="SVC"/> splits more than two classes into binary problems.</summary>
public enum SvcMulticlass
{
    /// <summary>
    /// K(K−1)/2 problems, one per pair of classes, each trained on the two classes' rows only, and prediction by
    /// majority vote (Knerr et al. 1990; Hsu &amp; Lin 2002). What LIBSVM and scikit-learn's SVC do: each problem is
    /// about 2/K of the data, and SMO's cost grows faster than linearly in the rows, so this is the faster one.
    /// </summary>
    OneVsOne,

    /// <summary>K problems, each class against all the others on every row, and the largest decision value wins.</summary>
    OneVsRest,
}
