using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// The gate arithmetic of one recurrent time step, fused (issue #12): each kernel reads the two GEMM results and the
/// previous state once and writes the new state and what its backward needs, where the composite of tensor ops made a
/// dozen passes over memory and as many autograd nodes. Formulas: Backends/Backend.Recurrent.cs (GBC §10.2, §10.10).
/// <para>Rows (batch elements) are split across threads; within a row the H units run in SIMD vectors, the last partial
/// vector padded with zeros, so every element is computed the same way whatever the thread count (bitwise
/// deterministic). σ uses the vector exp of <see cref="SigmoidOp{T}"/>, tanh the scalar one of <see cref="TanhOp{T}"/>,
/// as the elementwise ops do; the backward uses only products and sums of saved values.</para>
/// </summary>
internal static class RecurrentGateKernels
{
    public static void Rnn<T>(Rows<T> inputGates, Rows<T> hiddenGates, Rows<T> hidden, int rows, int width, bool relu)
        where T : unmanaged, IFloatingPointIeee754<T>
        => ForRows<T>(rows, width, (n, j) =>
        {
            var a = inputGates.Load(n, 0, j, width) + hiddenGates.Load(n, 0, j, width);
            hidden.Store(n, 0, j, width, relu ? default(ReluOp<T>).Apply(a) : default(TanhOp<T>).Apply(a));
        });

    public static void RnnBackward<T>(Rows<T> gradGates, Rows<T> gradHidden, Rows<T> hidden, int rows, int width, bool relu)
        where T : unmanaged, IFloatingPointIeee754<T>
        => ForRows<T>(rows, width, (n, j) =>
        {
            var (g, y) = (gradHidden.Load(n, 0, j, width), hidden.Load(n, 0, j, width));
            gradGates.Store(n, 0, j, width, relu ? default(ReluGradOp<T>).Apply(g, y) : default(TanhGradOp<T>).Apply(g, y));
        });

    /// <param name="state">[2, N, H]: h' in rows 0..N−1, c' in rows N..2N−1</param>
    public static void Lstm<T>(Rows<T> inputGates, Rows<T> hiddenGates, Rows<T> cell, Rows<T> state, Rows<T> saved, int rows, int width)
        where T : unmanaged, IFloatingPointIeee754<T>
        => ForRows<T>(rows, width, (n, j) =>
        {
            var sigmoid = default(SigmoidOp<T>);
            var tanh = default(TanhOp<T>);
            Vector<T> Gate(int k) => inputGates.Load(n, k, j, width) + hiddenGates.Load(n, k, j, width);
            var (i, f, g, o) = (sigmoid.Apply(Gate(0)), sigmoid.Apply(Gate(1)), tanh.Apply(Gate(2)), sigmoid.Apply(Gate(3)));
            var c = f * cell.Load(n, 0, j, width) + i * g;
            var tc = tanh.Apply(c);
            state.Store(n, 0, j, width, o * tc);
            state.Store(n + rows, 0, j, width, c);
            saved.Store(n, 0, j, width, i);
            saved.Store(n, 1, j, width, f);
            saved.Store(n, 2, j, width, g);
            saved.Store(n, 3, j, width, o);
            saved.Store(n, 4, j, width, tc);
        });

    public static void LstmBackward<T>(Rows<T> gradState, Rows<T> saved, Rows<T> cell, Rows<T> gradGates, Rows<T> gradCell, int rows, int width)
        where T : unmanaged, IFloatingPointIeee754<T>
        => ForRows<T>(rows, width, (n, j) =>
        {
            var one = Vector<T>.One;
            var (dh, dc) = (gradState.Load(n, 0, j, width), gradState.Load(n + rows, 0, j, width));
            var (i, f, g, o, tc) = (saved.Load(n, 0, j, width), saved.Load(n, 1, j, width), saved.Load(n, 2, j, width),
                saved.Load(n, 3, j, width), saved.Load(n, 4, j, width));
            var dcTotal = dc + dh * o * (one - tc * tc);
            gradGates.Store(n, 0, j, width, dcTotal * g * i * (one - i));
            gradGates.Store(n, 1, j, width, dcTotal * cell.Load(n, 0, j, width) * f * (one - f));
            gradGates.Store(n, 2, j, width, dcTotal * i * (one - g * g));
            gradGates.Store(n, 3, j, width, dh * tc * o * (one - o));
            gradCell.Store(n, 0, j, width, dcTotal * f);
        });

    public static void Gru<T>(Rows<T> inputGates, Rows<T> hiddenGates, Rows<T> previous, Rows<T> hidden, Rows<T> saved, int rows, int width)
        where T : unmanaged, IFloatingPointIeee754<T>
        => ForRows<T>(rows, width, (n, j) =>
        {
            var sigmoid = default(SigmoidOp<T>);
            var r = sigmoid.Apply(inputGates.Load(n, 0, j, width) + hiddenGates.Load(n, 0, j, width));
            var z = sigmoid.Apply(inputGates.Load(n, 1, j, width) + hiddenGates.Load(n, 1, j, width));
            var hn = hiddenGates.Load(n, 2, j, width);
            var candidate = default(TanhOp<T>).Apply(inputGates.Load(n, 2, j, width) + r * hn);
            hidden.Store(n, 0, j, width, (Vector<T>.One - z) * candidate + z * previous.Load(n, 0, j, width));
            saved.Store(n, 0, j, width, r);
            saved.Store(n, 1, j, width, z);
            saved.Store(n, 2, j, width, candidate);
            saved.Store(n, 3, j, width, hn);
        });

    public static void GruBackward<T>(Rows<T> gradHidden, Rows<T> saved, Rows<T> previous, Rows<T> gradInputGates, Rows<T> gradHiddenGates,
        Rows<T> gradPrevious, int rows, int width) where T : unmanaged, IFloatingPointIeee754<T>
        => ForRows<T>(rows, width, (n, j) =>
        {
            var one = Vector<T>.One;
            var g = gradHidden.Load(n, 0, j, width);
            var (r, z, candidate, hn) = (saved.Load(n, 0, j, width), saved.Load(n, 1, j, width), saved.Load(n, 2, j, width), saved.Load(n, 3, j, width));
            var dn = g * (one - z) * (one - candidate * candidate);
            var dr = dn * hn * r * (one - r);
            var dz = g * (previous.Load(n, 0, j, width) - candidate) * z * (one - z);
            gradInputGates.Store(n, 0, j, width, dr);
            gradInputGates.Store(n, 1, j, width, dz);
            gradInputGates.Store(n, 2, j, width, dn);
            gradHiddenGates.Store(n, 0, j, width, dr);
            gradHiddenGates.Store(n, 1, j, width, dz);
            gradHiddenGates.Store(n, 2, j, width, dn * r);
            gradPrevious.Store(n, 0, j, width, g * z);
        });

    /// <summary>Runs <paramref name="body"/>(row, first unit of a vector) over every row and vector of units, rows split across threads.</summary>
    private static void ForRows<T>(int rows, int width, Action<int, int> body) where T : unmanaged
    {
        int step = Vector<T>.Count, grain = (int)Math.Max(1, StridedLayout.ParallelGrain / Math.Max(1, 4L * width));
        ParallelRange.For(rows, grain, (begin, end) =>
        {
            for (int n = (int)begin; n < end; n++)
                for (int j = 0; j < width; j += step) body(n, j);
        });
    }
}

/// <summary>
/// A contiguous [rows, blocks·width] matrix in an array from an offset: block k of row n starts at
/// offset + (n·blocks + k)·width. Loads and stores whole vectors of units, the last one of a row zero-padded.
/// </summary>
internal readonly struct Rows<T>(T[] data, int offset, int blocks) where T : unmanaged
{
    public Vector<T> Load(int row, int block, int unit, int width)
    {
        int at = offset + (row * blocks + block) * width + unit;
        if (unit + Vector<T>.Count <= width) return new Vector<T>(data.AsSpan(at, Vector<T>.Count));
        Span<T> lanes = stackalloc T[Vector<T>.Count];
        lanes.Clear();
        data.AsSpan(at, width - unit).CopyTo(lanes);
        return new Vector<T>(lanes);
    }

    public void Store(int row, int block, int unit, int width, Vector<T> value)
    {
        int at = offset + (row * blocks + block) * width + unit;
        if (unit + Vector<T>.Count <= width)
        {
            value.CopyTo(data.AsSpan(at, Vector<T>.Count));
            return;
        }
        Span<T> lanes = stackalloc T[Vector<T>.Count];
        value.CopyTo(lanes);
        lanes[..(width - unit)].CopyTo(data.AsSpan(at, width - unit));
    }
}
