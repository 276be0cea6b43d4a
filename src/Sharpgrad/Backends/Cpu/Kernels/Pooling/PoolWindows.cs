using System.Buffers;
using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// Where each output of a pooling layer looks (GBC §9.3). Along each of three spatial dims (depth, height, width;
/// 1-D and 2-D pooling use size-1 leading dims), the window of output o has <c>count[d][o]</c> taps at input
/// positions <c>start[d][o] + j·step[d]</c>. Regular pooling has the same count everywhere and starts o·stride −
/// padding; adaptive pooling has windows of varying size that tile the input. Taps outside the input are padding:
/// they are skipped, which for max pooling is padding with −∞ and for average pooling padding with 0.
/// </summary>
/// <remarks>
/// The constructor resolves each window to its real taps once (first position and number per dim), so the walk
/// over a plane is plain nested loops. <see cref="PairRows"/> recognises the windows of the common 2×2 (or 2-wide)
/// stride-2 pooling, which the kernels run on a vectorised fast path. An average's divisor is a product of one
/// factor per dim (or one fixed override), so that "count the padding" and "count only real inputs" are both a
/// per-dim choice.
/// </remarks>
internal sealed class PoolWindows
{
    public const int Dims = 3;

    /// <summary>Per dim and output position: the input position of the window's first real tap, and how many there are.</summary>
    private readonly int[][] first = new int[Dims][], taps = new int[Dims][];

    private readonly int[][] divisors;
    private readonly int? divisorOverride;

    /// <summary>The most tap rows (D taps × H taps) any window has: the length of <see cref="WalkStrideTwoRows"/>'s row list.</summary>
    private readonly int maxTapRows;

    /// <summary>Row lists up to this many entries live on the stack; longer ones (adaptive pools over tall planes) are rented.</summary>
    private const int StackTapRows = 256;

    /// <param name="planes">N·C: the planes pooled independently</param>
    /// <param name="divisors">per dim and output position, the factor of that position's average divisor</param>
    /// <param name="divisorOverride">when set, every average divides by this instead</param>
    public PoolWindows(int planes, int[] input, int[] output, int[][] start, int[][] count, int[] step,
        int[][] divisors, int? divisorOverride = null)
    {
        Planes = planes;
        Input = input;
        Output = output;
        Start = start;
        Count = count;
        Step = step;
        this.divisors = divisors;
        this.divisorOverride = divisorOverride;
        long tapsPerPlane = 1;
        for (int d = 0; d < Dims; d++)
        {
            first[d] = new int[output[d]];
            taps[d] = new int[output[d]];
            for (int o = 0; o < output[d]; o++)
            {
                int s = start[d][o], last = input[d] - 1 - s;
                int begin = s >= 0 ? 0 : (-s + step[d] - 1) / step[d];
                int end = last < 0 ? 0 : Math.Min(count[d][o], last / step[d] + 1);
                first[d][o] = s + begin * step[d];
                taps[d][o] = Math.Max(0, end - begin);
            }
            tapsPerPlane *= output[d] == 0 ? 0 : count[d][0];
        }
        OutputVolume = output[0] * output[1] * output[2];
        InputVolume = input[0] * input[1] * input[2];
        TapsPerPlane = tapsPerPlane * OutputVolume;
        PairRows = !Identity(0) || !Pairs(2) ? 0 : Identity(1) ? 1 : Pairs(1) ? 2 : 0;
        (StrideTwoBegin, StrideTwoEnd) = StrideTwoRun();
        maxTapRows = Math.Max(1, MaxOf(taps[0]) * MaxOf(taps[1]));
    }

    private static int MaxOf(int[] values)
    {
        int max = 0;
        foreach (int v in values) max = Math.Max(max, v);
        return max;
    }

    public int Planes { get; }
    public int[] Input { get; }
    public int[] Output { get; }
    public int[] Step { get; }

    /// <summary>
    /// The plain description, as given: per dim and output position, the input position of the window's first tap
    /// (negative in the padding) and its number of taps, <see cref="Step"/> apart. Backends other than the CPU's
    /// read the windows from these, skipping the taps outside the input themselves.
    /// </summary>
    public int[][] Start { get; }

    /// <inheritdoc cref="Start"/>
    public int[][] Count { get; }

    /// <summary>Per dim and output position, the factor of that position's average divisor; see <see cref="DivisorOverride"/>.</summary>
    public int[][] DivisorFactors => divisors;

    /// <summary>When set, every average divides by this instead of the product of <see cref="DivisorFactors"/>.</summary>
    public int? DivisorOverride => divisorOverride;

    public int InputVolume { get; }
    public int OutputVolume { get; }

    /// <summary>An estimate of the taps visited per plane, to size parallel chunks.</summary>
    public long TapsPerPlane { get; }

    /// <summary>
    /// 2 when every window is the 2×2 block at (2·oh, 2·ow) of its depth slice (kernel 2, stride 2, no padding or
    /// dilation, or adaptive pooling to half the size), 1 when it is the pair at 2·ow of one row (kernel 1×2), and 0
    /// otherwise. Trailing inputs that no window covers (floor mode on an odd size) are allowed.
    /// </summary>
    public int PairRows { get; }

    /// <summary>On the pair path, how far a window's lower row is from its upper one: the row length for 2×2 windows, 0 for 1×2.</summary>
    public int PairBelow => PairRows == 2 ? Input[2] : 0;

    /// <summary>
    /// The output columns [<see cref="StrideTwoBegin"/>, <see cref="StrideTwoEnd"/>) whose windows along the width are
    /// whole (no tap in the padding), adjacent taps, and start two inputs after each other: the windows of stride-2
    /// pooling away from the borders (ResNet's 3×3 stride-2 max pool), which <see cref="WalkStrideTwoRows{TVisitor}"/>
    /// hands out V at a time. Empty (0, 0) where there is no such run of at least two windows.
    /// </summary>
    public int StrideTwoBegin { get; }

    /// <inheritdoc cref="StrideTwoBegin"/>
    public int StrideTwoEnd { get; }

    private (int Begin, int End) StrideTwoRun()
    {
        int outW = Output[2];
        if (Step[2] != 1 || outW < 2) return (0, 0);
        int[] firstW = first[2], tapsW = taps[2], startW = Start[2], countW = Count[2];
        int begin = 0;
        while (begin < outW && (tapsW[begin] != countW[begin] || firstW[begin] != startW[begin] || tapsW[begin] == 0)) begin++;
        int end = begin + 1;
        while (end < outW && tapsW[end] == tapsW[begin] && firstW[end] == firstW[begin] + 2 * (end - begin)) end++;
        return end - begin >= 2 ? (begin, end) : (0, 0);
    }

    /// <summary>Whether output o of dim d is exactly input o: windows that leave the dim alone.</summary>
    private bool Identity(int d)
    {
        if (Output[d] != Input[d]) return false;
        for (int o = 0; o < Output[d]; o++)
            if (first[d][o] != o || taps[d][o] != 1) return false;
        return true;
    }

    /// <summary>Whether output o of dim d looks at exactly the inputs 2o and 2o + 1.</summary>
    private bool Pairs(int d)
    {
        if (Step[d] != 1) return false;
        for (int o = 0; o < Output[d]; o++)
            if (first[d][o] != 2 * o || taps[d][o] != 2) return false;
        return true;
    }

    /// <summary>Whether some window lies entirely in the padding, which max pooling cannot reduce.</summary>
    public bool HasEmptyWindow()
    {
        for (int d = 0; d < Dims; d++)
            for (int o = 0; o < Output[d]; o++)
                if (taps[d][o] == 0) return true;
        return false;
    }

    /// <summary>Each output position's average divisor (the same for every plane).</summary>
    public T[] Divisors<T>() where T : INumber<T>
    {
        var result = new T[OutputVolume];
        int o = 0;
        for (int od = 0; od < Output[0]; od++)
            for (int oh = 0; oh < Output[1]; oh++)
                for (int ow = 0; ow < Output[2]; ow++)
                    result[o++] = T.CreateChecked(divisorOverride ?? (double)divisors[0][od] * divisors[1][oh] * divisors[2][ow]);
        return result;
    }

    /// <summary>Runs <paramref name="body"/> over ranges of planes, in parallel, in chunks sized by the work per plane.</summary>
    public void ForPlanes(Action<int, int> body)
        => ParallelRange.For(Planes, Math.Max(1, StridedLayout.ParallelGrain / Math.Max(1, Math.Max(TapsPerPlane, InputVolume))),
            (begin, end) => body((int)begin, (int)end));

    /// <summary>
    /// What a pooling kernel does with one window: start an accumulator, fold each tap inside the input into it,
    /// finish it. The accumulator is passed by value so that it lives in registers, not in the reducer's fields.
    /// </summary>
    public interface IReducer<TAcc>
    {
        /// <param name="output">the output position within the plane</param>
        TAcc Begin(int output);

        /// <param name="pixel">the tap's position within the input plane</param>
        TAcc Tap(TAcc acc, int pixel);

        void End(int output, TAcc acc);
    }

    /// <summary>What a kernel does on the <see cref="PairRows"/> fast path: V adjacent windows at once, or one.</summary>
    public interface IPairVisitor
    {
        /// <summary>Windows o … o + V − 1 of one row, whose upper-left inputs are i, i + 2, …, i + 2(V − 1).</summary>
        void Block(int i, int o);

        /// <summary>Window o alone, whose upper-left input is i (its lower row, if any, starts at i + Input[2]).</summary>
        void Single(int i, int o);
    }

    /// <summary>
    /// Runs a visitor over every window of one plane of <see cref="PairRows"/> windows: rows of at least
    /// <paramref name="lanes"/> windows in blocks of that many, the last block shifted left to end at the row's end
    /// (recomputing a few windows) rather than leaving a tail; narrower rows one window at a time.
    /// </summary>
    public void WalkPairs<TVisitor>(TVisitor visitor, int lanes) where TVisitor : IPairVisitor, allows ref struct
    {
        int rows = PairRows, height = Input[1], width = Input[2], outRows = Output[1], outCols = Output[2];
        for (int z = 0; z < Output[0]; z++)
            for (int oh = 0; oh < outRows; oh++)
            {
                int top = (z * height + rows * oh) * width, o = (z * outRows + oh) * outCols;
                if (outCols >= lanes)
                    for (int ow = 0; ow < outCols; ow += lanes)
                    {
                        int at = Math.Min(ow, outCols - lanes);
                        visitor.Block(top + 2 * at, o + at);
                    }
                else
                    for (int ow = 0; ow < outCols; ow++) visitor.Single(top + 2 * ow, o + ow);
            }
    }

    /// <summary>What a kernel does on the stride-2 path: V windows of one output row at once, or one window.</summary>
    public interface IRowVisitor
    {
        /// <summary>
        /// Windows o … o + V − 1 of one output row: window j's taps are inputs r + column + 2j + t for each tap row start
        /// r of <paramref name="tapRows"/> (in order) and t &lt; <paramref name="width"/>, row-major.
        /// </summary>
        void Block(scoped ReadOnlySpan<int> tapRows, int column, int width, int o);

        /// <summary>Window o alone: inputs r + column + t for each r of <paramref name="tapRows"/> and t &lt; <paramref name="width"/>.</summary>
        void Single(scoped ReadOnlySpan<int> tapRows, int column, int width, int o);
    }

    /// <summary>
    /// Runs a visitor over every window of one plane when <see cref="StrideTwoEnd"/> &gt; 0: per output row, the windows
    /// of the stride-2 run in blocks of <paramref name="lanes"/> (the last block shifted left to end at the run's end,
    /// recomputing a few windows), the others one at a time. A block reads 2·lanes inputs from each tap's first, up to
    /// one past its last window's last tap, so a block that would read past the plane is done one window at a time.
    /// </summary>
    public void WalkStrideTwoRows<TVisitor>(TVisitor visitor, int lanes) where TVisitor : IRowVisitor, allows ref struct
    {
        int outD = Output[0], outH = Output[1], outW = Output[2], height = Input[1], width = Input[2];
        int[] firstW = first[2], tapsW = taps[2];
        int begin = StrideTwoBegin, end = StrideTwoEnd, tapWidth = tapsW[begin];
        int[]? rented = maxTapRows > StackTapRows ? ArrayPool<int>.Shared.Rent(maxTapRows) : null;
        Span<int> rowStarts = rented is null ? stackalloc int[StackTapRows] : rented;
        try
        {
            int o = 0;
            for (int od = 0; od < outD; od++)
                for (int oh = 0; oh < outH; oh++, o += outW)
                {
                    int rows = 0;
                    for (int jd = 0, id = first[0][od]; jd < taps[0][od]; jd++, id += Step[0])
                        for (int jh = 0, ih = first[1][oh]; jh < taps[1][oh]; jh++, ih += Step[1])
                            rowStarts[rows++] = (id * height + ih) * width;
                    var tapRows = rowStarts[..rows];
                    // The last input a block from window ow reads: the last tap row's first tap of ow, plus 2·lanes + width − 2.
                    int lastRead = rows == 0 ? 0 : tapRows[^1] + 2 * lanes + tapWidth - 2;
                    bool Fits(int ow) => lastRead + firstW[ow] < InputVolume;
                    int ow = 0;
                    for (; ow < begin; ow++) visitor.Single(tapRows, firstW[ow], tapsW[ow], o + ow);
                    if (rows > 0 && end - begin >= lanes)
                    {
                        for (; ow + lanes <= end && Fits(ow); ow += lanes) visitor.Block(tapRows, firstW[ow], tapWidth, o + ow);
                        if (ow < end && Fits(end - lanes))
                        {
                            visitor.Block(tapRows, firstW[end - lanes], tapWidth, o + end - lanes);
                            ow = end;
                        }
                    }
                    for (; ow < outW; ow++) visitor.Single(tapRows, firstW[ow], tapsW[ow], o + ow);
                }
        }
        finally
        {
            if (rented is not null) ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>Runs a reducer over every window of one plane, the taps of each in row-major order.</summary>
    public void WalkPlane<TReducer, TAcc>(TReducer reducer) where TReducer : struct, IReducer<TAcc>
    {
        int outD = Output[0], outH = Output[1], outW = Output[2], height = Input[1], width = Input[2];
        int stepD = Step[0], stepH = Step[1], stepW = Step[2];
        int[] firstD = first[0], firstH = first[1], firstW = first[2], tapsD = taps[0], tapsH = taps[1], tapsW = taps[2];
        int o = 0;
        for (int od = 0; od < outD; od++)
        {
            int fd = firstD[od], nd = tapsD[od];
            for (int oh = 0; oh < outH; oh++)
            {
                int fh = firstH[oh], nh = tapsH[oh];
                for (int ow = 0; ow < outW; ow++, o++)
                {
                    int fw = firstW[ow], nw = tapsW[ow];
                    var acc = reducer.Begin(o);
                    for (int jd = 0, id = fd; jd < nd; jd++, id += stepD)
                        for (int jh = 0, ih = fh; jh < nh; jh++, ih += stepH)
                        {
                            int pixel = (id * height + ih) * width + fw;
                            for (int jw = 0; jw < nw; jw++, pixel += stepW) acc = reducer.Tap(acc, pixel);
                        }
                    reducer.End(o, acc);
                }
            }
        }
    }
}
