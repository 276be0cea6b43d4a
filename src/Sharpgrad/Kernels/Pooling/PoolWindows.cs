namespace Sharpgrad.Kernels;

/// <summary>
/// Where each output of a pooling layer looks (GBC §9.3). Along each of three spatial dims (depth, height, width;
/// 1-D and 2-D pooling use size-1 leading dims), the window of output o has <c>Count[d][o]</c> taps at input
/// positions <c>Start[d][o] + j·Step[d]</c>. Regular pooling has the same count everywhere and starts o·stride −
/// padding; adaptive pooling has windows of varying size that tile the input. Taps outside the input are padding:
/// they are skipped, which for max pooling is padding with −∞ and for average pooling padding with 0.
/// </summary>
/// <remarks>
/// <see cref="Divisor"/> is what an average divides its window's sum by, a product of one factor per dim (or
/// one fixed override), so that "count the padding" and "count only real inputs" are both a per-dim choice.
/// </remarks>
internal sealed class PoolWindows
{
    public const int Dims = 3;

    private readonly int[][] firstTap = new int[Dims][], endTap = new int[Dims][];

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
        Step = step;
        this.divisors = divisors;
        this.divisorOverride = divisorOverride;
        for (int d = 0; d < Dims; d++)
        {
            firstTap[d] = new int[output[d]];
            endTap[d] = new int[output[d]];
            for (int o = 0; o < output[d]; o++)
            {
                int s = start[d][o], last = input[d] - 1 - s;
                int first = s >= 0 ? 0 : (-s + step[d] - 1) / step[d];
                int end = last < 0 ? 0 : Math.Min(count[d][o], last / step[d] + 1);
                firstTap[d][o] = Math.Min(first, end);
                endTap[d][o] = end;
            }
        }
        OutputVolume = output[0] * output[1] * output[2];
        InputVolume = input[0] * input[1] * input[2];
        TapsPerPlane = (long)OutputVolume * count[0][0] * count[1][0] * count[2][0];
    }

    private readonly int[][] divisors;
    private readonly int? divisorOverride;

    public int Planes { get; }
    public int[] Input { get; }
    public int[] Output { get; }
    public int[][] Start { get; }
    public int[] Step { get; }
    public int InputVolume { get; }
    public int OutputVolume { get; }

    /// <summary>An estimate of the taps visited per plane, to size parallel chunks.</summary>
    public long TapsPerPlane { get; }

    /// <summary>Whether some window lies entirely in the padding, which max pooling cannot reduce.</summary>
    public bool HasEmptyWindow()
    {
        for (int d = 0; d < Dims; d++)
            for (int o = 0; o < Output[d]; o++)
                if (firstTap[d][o] >= endTap[d][o]) return true;
        return false;
    }

    private double Divisor(int od, int oh, int ow)
        => divisorOverride ?? (double)divisors[0][od] * divisors[1][oh] * divisors[2][ow];

    /// <summary>What a pooling kernel does with one window: start it, see each tap inside the input, finish it.</summary>
    public interface IReducer
    {
        /// <param name="output">the output position within the plane</param>
        /// <param name="divisor">the average's divisor for this position</param>
        void Begin(int output, double divisor);

        /// <param name="pixel">the tap's position within the input plane</param>
        void Tap(int pixel);

        void End();
    }

    /// <summary>Runs a reducer over every window of every plane, in parallel over planes.</summary>
    /// <param name="reducerFor">makes the reducer of one plane; each plane's reads and writes must be its own</param>
    public void Walk<TReducer>(Func<int, TReducer> reducerFor) where TReducer : struct, IReducer
    {
        ParallelRange.For(Planes, Math.Max(1, StridedLayout.ParallelGrain / Math.Max(1, TapsPerPlane)), (begin, end) =>
        {
            for (long p = begin; p < end; p++)
            {
                var reducer = reducerFor((int)p);
                WalkPlane(ref reducer);
            }
        });
    }

    private void WalkPlane<TReducer>(ref TReducer reducer) where TReducer : struct, IReducer
    {
        int o = 0;
        for (int od = 0; od < Output[0]; od++)
            for (int oh = 0; oh < Output[1]; oh++)
                for (int ow = 0; ow < Output[2]; ow++, o++)
                {
                    reducer.Begin(o, Divisor(od, oh, ow));
                    for (int jd = firstTap[0][od]; jd < endTap[0][od]; jd++)
                    {
                        int id = Start[0][od] + jd * Step[0];
                        for (int jh = firstTap[1][oh]; jh < endTap[1][oh]; jh++)
                        {
                            int row = (id * Input[1] + Start[1][oh] + jh * Step[1]) * Input[2];
                            for (int jw = firstTap[2][ow]; jw < endTap[2][ow]; jw++)
                                reducer.Tap(row + Start[2][ow] + jw * Step[2]);
                        }
                    }
                    reducer.End();
                }
    }
}
