using System.Numerics;

namespace Sharpgrad.Backends.Reference;

// One recurrent step's gate arithmetic as the books write it, one unit of one batch row at a time. Elman network:
// h' = φ(a), a = W_ih x + b_ih + W_hh h + b_hh (GBC eq. 10.8). LSTM (GBC §10.10.1, eqs. 10.40–10.44 in PyTorch's gate
// order i, f, g, o): c' = σ(a_f) c + σ(a_i) tanh(a_g), h' = σ(a_o) tanh(c'). GRU (GBC §10.10.2, eqs. 10.45–10.47 with
// PyTorch's b_hn inside the reset product): r = σ(a_r), z = σ(a_z), n = tanh(x_n + r h_n), h' = (1 − z) n + z h. The
// backward is the chain rule through those lines, with σ′ = σ(1 − σ) and tanh′ = 1 − tanh².
internal sealed partial class ReferenceBackend
{
    protected override void RnnGates<T>(Tensor hidden, Tensor inputGates, Tensor hiddenGates, bool relu)
    {
        var (rows, width) = GateLayout(hidden);
        for (int n = 0; n < rows; n++)
            for (int j = 0; j < width; j++)
            {
                T a = Gate<T>(inputGates, 1, n, 0, j) + Gate<T>(hiddenGates, 1, n, 0, j);
                SetGate(hidden, 1, n, 0, j, relu ? (a > T.Zero ? a : T.Zero) : T.Tanh(a));
            }
    }

    protected override void RnnGatesBackward<T>(Tensor gradGates, Tensor gradHidden, Tensor hidden, bool relu)
    {
        var (rows, width) = GateLayout(hidden);
        for (int n = 0; n < rows; n++)
            for (int j = 0; j < width; j++)
            {
                T y = Gate<T>(hidden, 1, n, 0, j);
                T derivative = relu ? (y > T.Zero ? T.One : T.Zero) : T.One - y * y;
                SetGate(gradGates, 1, n, 0, j, Gate<T>(gradHidden, 1, n, 0, j) * derivative);
            }
    }

    protected override void LstmGates<T>(Tensor state, Tensor saved, Tensor inputGates, Tensor hiddenGates, Tensor cell)
    {
        var (rows, width) = GateLayout(cell);
        for (int n = 0; n < rows; n++)
            for (int j = 0; j < width; j++)
            {
                T Sum(int k) => Gate<T>(inputGates, 4, n, k, j) + Gate<T>(hiddenGates, 4, n, k, j);
                T i = Sigmoid(Sum(0)), f = Sigmoid(Sum(1)), g = T.Tanh(Sum(2)), o = Sigmoid(Sum(3));
                T c = f * Gate<T>(cell, 1, n, 0, j) + i * g;
                T tc = T.Tanh(c);
                SetGate(state, 1, n, 0, j, o * tc);
                SetGate(state, 1, rows + n, 0, j, c);
                T[] values = [i, f, g, o, tc];
                for (int k = 0; k < values.Length; k++) SetGate(saved, 5, n, k, j, values[k]);
            }
    }

    protected override void LstmGatesBackward<T>(Tensor gradGates, Tensor gradCell, Tensor gradState, Tensor saved, Tensor cell)
    {
        var (rows, width) = GateLayout(cell);
        for (int n = 0; n < rows; n++)
            for (int j = 0; j < width; j++)
            {
                T i = Gate<T>(saved, 5, n, 0, j), f = Gate<T>(saved, 5, n, 1, j), g = Gate<T>(saved, 5, n, 2, j);
                T o = Gate<T>(saved, 5, n, 3, j), tc = Gate<T>(saved, 5, n, 4, j);
                T dh = Gate<T>(gradState, 1, n, 0, j), dc = Gate<T>(gradState, 1, rows + n, 0, j);
                // c' reaches the loss directly and through h' = o tanh(c').
                T dcTotal = dc + dh * o * (T.One - tc * tc);
                SetGate(gradGates, 4, n, 0, j, dcTotal * g * i * (T.One - i));
                SetGate(gradGates, 4, n, 1, j, dcTotal * Gate<T>(cell, 1, n, 0, j) * f * (T.One - f));
                SetGate(gradGates, 4, n, 2, j, dcTotal * i * (T.One - g * g));
                SetGate(gradGates, 4, n, 3, j, dh * tc * o * (T.One - o));
                SetGate(gradCell, 1, n, 0, j, dcTotal * f);
            }
    }

    protected override void GruGates<T>(Tensor hidden, Tensor saved, Tensor inputGates, Tensor hiddenGates, Tensor previous)
    {
        var (rows, width) = GateLayout(previous);
        for (int n = 0; n < rows; n++)
            for (int j = 0; j < width; j++)
            {
                T r = Sigmoid(Gate<T>(inputGates, 3, n, 0, j) + Gate<T>(hiddenGates, 3, n, 0, j));
                T z = Sigmoid(Gate<T>(inputGates, 3, n, 1, j) + Gate<T>(hiddenGates, 3, n, 1, j));
                T hn = Gate<T>(hiddenGates, 3, n, 2, j);
                T candidate = T.Tanh(Gate<T>(inputGates, 3, n, 2, j) + r * hn);
                SetGate(hidden, 1, n, 0, j, (T.One - z) * candidate + z * Gate<T>(previous, 1, n, 0, j));
                T[] values = [r, z, candidate, hn];
                for (int k = 0; k < values.Length; k++) SetGate(saved, 4, n, k, j, values[k]);
            }
    }

    protected override void GruGatesBackward<T>(Tensor gradInputGates, Tensor gradHiddenGates, Tensor gradPrevious, Tensor gradHidden, Tensor saved,
        Tensor previous)
    {
        var (rows, width) = GateLayout(previous);
        for (int n = 0; n < rows; n++)
            for (int j = 0; j < width; j++)
            {
                T r = Gate<T>(saved, 4, n, 0, j), z = Gate<T>(saved, 4, n, 1, j), candidate = Gate<T>(saved, 4, n, 2, j), hn = Gate<T>(saved, 4, n, 3, j);
                T g = Gate<T>(gradHidden, 1, n, 0, j);
                T dn = g * (T.One - z) * (T.One - candidate * candidate);
                T dr = dn * hn * r * (T.One - r);
                T dz = g * (Gate<T>(previous, 1, n, 0, j) - candidate) * z * (T.One - z);
                T[] input = [dr, dz, dn], recurrent = [dr, dz, dn * r];
                for (int k = 0; k < 3; k++)
                {
                    SetGate(gradInputGates, 3, n, k, j, input[k]);
                    SetGate(gradHiddenGates, 3, n, k, j, recurrent[k]);
                }
                SetGate(gradPrevious, 1, n, 0, j, g * z);
            }
    }

    private static T Sigmoid<T>(T x) where T : IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));

    /// <summary>Rows and units of a contiguous state [..., H].</summary>
    private static (int Rows, int Width) GateLayout(Tensor state)
    {
        int width = state.shape[^1];
        return (width == 0 ? 0 : state.Count / width, width);
    }

    /// <summary>Unit j of gate block k in row n of a contiguous [rows, blocks·H] tensor.</summary>
    private static T Gate<T>(Tensor t, int blocks, int n, int k, int j) where T : unmanaged => t.Data<T>()[GateIndex(t, blocks, n, k, j)];

    private static void SetGate<T>(Tensor t, int blocks, int n, int k, int j, T value) where T : unmanaged => t.Data<T>()[GateIndex(t, blocks, n, k, j)] = value;

    private static int GateIndex(Tensor t, int blocks, int n, int k, int j)
    {
        int width = t.shape[^1] / blocks;
        return t.offset + (n * blocks + k) * width + j;
    }
}
