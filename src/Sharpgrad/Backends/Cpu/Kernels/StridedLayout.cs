namespace Sharpgrad.Kernels;

/// <summary>
/// Several operands walked together over one common shape, each through its own strides (0 for a broadcast dim).
/// Adjacent dims that are contiguous in every operand are merged first, so a broadcast bias add over [N, M]
/// becomes N runs of length M, and a plain contiguous op becomes a single run. Kernels then vectorise the
/// innermost run ("segment") and loop over the rest.
/// </summary>
internal sealed class StridedLayout
{
    private readonly int[] shape;      // merged dims; the innermost is last
    private readonly int[][] strides;  // [operand][dim]
    private readonly int[] offsets;    // [operand]

    public StridedLayout(ReadOnlySpan<int> shape, int[][] strides, int[] offsets)
    {
        this.offsets = offsets;
        // Merge in place into arrays of the full rank, then trim: this runs once per op, so no lists or LINQ.
        var dims = new int[Math.Max(1, shape.Length)];
        var merged = new int[strides.Length][];
        for (int k = 0; k < strides.Length; k++) merged[k] = new int[dims.Length];
        int rank = 0;
        for (int d = 0; d < shape.Length; d++)
        {
            if (shape[d] == 1) continue; // size-1 dims never move any pointer
            bool canMerge = rank > 0;
            for (int k = 0; k < strides.Length && canMerge; k++)
                canMerge = merged[k][rank - 1] == strides[k][d] * shape[d];
            if (canMerge)
            {
                dims[rank - 1] *= shape[d];
                for (int k = 0; k < strides.Length; k++) merged[k][rank - 1] = strides[k][d];
            }
            else
            {
                dims[rank] = shape[d];
                for (int k = 0; k < strides.Length; k++) merged[k][rank] = strides[k][d];
                rank++;
            }
        }
        if (rank == 0)
        {
            dims[0] = 1;
            foreach (var m in merged) m[0] = 0;
            rank = 1;
        }
        if (rank < dims.Length)
        {
            Array.Resize(ref dims, rank);
            for (int k = 0; k < merged.Length; k++) Array.Resize(ref merged[k], rank);
        }
        this.shape = dims;
        this.strides = merged;
        Count = 1;
        foreach (var n in this.shape) Count *= n;
    }

    private StridedLayout(int count, int[] offsets)
    {
        shape = [count];
        strides = UnitStrides(offsets.Length);
        this.offsets = offsets;
        Count = count;
    }

    /// <summary>
    /// The layout of operands that are all contiguous with the same element count: one run, unit strides. The
    /// common case of an elementwise op, built without walking dims.
    /// </summary>
    public static StridedLayout Contiguous(int count, int[] offsets) => new(count, offsets);

    private static readonly int[][][] SharedUnitStrides = [.. Enumerable.Range(0, 5).Select(n => Enumerable.Repeat(new[] { 1 }, n).ToArray())];

    /// <summary>[[1], [1], ...] for <paramref name="operands"/> operands; shared, since layouts never write their strides.</summary>
    private static int[][] UnitStrides(int operands)
        => operands < SharedUnitStrides.Length ? SharedUnitStrides[operands] : Enumerable.Repeat(new[] { 1 }, operands).ToArray();

    public long Count { get; }
    public int InnerLength => shape[^1];
    public int InnerStride(int operand) => strides[operand][^1];

    /// <summary>
    /// Calls <paramref name="segment"/> for every innermost run that intersects the flat element range
    /// [begin, end), passing each operand's offset at the run's first element and the run's length.
    /// </summary>
    public void ForRange(long begin, long end, SegmentAction segment)
    {
        int operands = offsets.Length;
        Span<int> at = stackalloc int[operands];
        int inner = InnerLength;
        long row = begin / inner;
        int col = (int)(begin % inner);
        while (begin < end)
        {
            int length = (int)Math.Min(inner - col, end - begin);
            long rest = row;
            for (int k = 0; k < operands; k++) at[k] = offsets[k] + col * strides[k][^1];
            for (int d = shape.Length - 2; d >= 0; d--)
            {
                int i = (int)(rest % shape[d]);
                rest /= shape[d];
                for (int k = 0; k < operands; k++) at[k] += i * strides[k][d];
            }
            segment(at, length);
            begin += length;
            row++;
            col = 0;
        }
    }

    /// <summary>
    /// Runs every segment, in parallel over chunks of the element range when the op is large. The chunk boundaries
    /// depend on the element count only, never on <see cref="Threads.Count"/>: a boundary decides which elements take
    /// the SIMD path and which the scalar tail, and the two can differ in the last bit (Exp, Log, Sin), so
    /// thread-count-dependent chunks would make results depend on the thread count.
    /// </summary>
    public void ForAll(SegmentAction segment, long grain = 0)
    {
        if (Count == 0) return;
        if (grain <= 0) grain = ParallelGrain;
        if (Count < 2 * grain)
        {
            ForRange(0, Count, segment);   // one chunk: the same boundaries, without a closure for the fork
            return;
        }
        long chunks = Math.Max(1, Count / grain);
        long size = (Count + chunks - 1) / chunks;
        ParallelRange.ForChunks((int)chunks, c => ForRange(c * size, Math.Min(Count, (c + 1) * size), segment));
    }

    /// <summary>
    /// Elements below which an elementwise op stays on one thread: the fork costs more than it saves. Every kernel sizes
    /// its chunks from this. A test can lower it on its own thread (<see cref="FineGrain"/>) so that the small inputs of
    /// the op table are split into several chunks and run on several threads, which is what the one-thread-against-two
    /// checks need; the kernels read it on the thread that starts the op, so other threads are unaffected.
    /// </summary>
    public static long ParallelGrain => grainOverride > 0 ? grainOverride : DefaultParallelGrain;

    public const long DefaultParallelGrain = 1 << 15;

    [ThreadStatic] private static long grainOverride;

    /// <summary>Sets <see cref="ParallelGrain"/> to <paramref name="grain"/> on the calling thread until the scope ends (tests only).</summary>
    internal static IDisposable FineGrain(long grain = 1) => new GrainScope(grain);

    private sealed class GrainScope : IDisposable
    {
        private readonly long outer = grainOverride;

        public GrainScope(long grain) => grainOverride = grain;

        public void Dispose() => grainOverride = outer;
    }
}

internal delegate void SegmentAction(ReadOnlySpan<int> offsets, int length);
