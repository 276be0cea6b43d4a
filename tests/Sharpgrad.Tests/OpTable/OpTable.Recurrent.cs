using Sharpgrad.NN;

namespace Sharpgrad.Tests.OpTable;

// The recurrent layers (issue #12) as functions of their input, initial states and weights: one step of each cell, and
// whole stacks (several layers, both directions, an LSTM projection) through time. T = 3, N = 2, in = 3, H = 2. Each
// step is Linear plus one fused gate node (RnnTanhGates, RnnReluGates, LstmGates, GruGates) whose backward is a
// primitive, or under createGraph the recorded tensor-op formula, so the sweep checks backward through time to second
// order through both. Peepholes take the composite gate arithmetic. Normal samples keep ReLU's pre-activations far from its kink at 0. Stacking is the same code for
// every kind (RecurrentSequence), so one multi-layer entry covers it; a 2-layer LSTM would add ~20 s of second-order
// checking for no new path.
public static partial class OpTable
{
    private const int Steps = 3, Batch = 2, Features = 3, Hidden = 2;

    [OpEntries]
    private static IEnumerable<OpInfo> Recurrent() =>
    [
        Cell("RNNCell tanh", RecurrentKind.RnnTanh, 600),
        Cell("RNNCell relu", RecurrentKind.RnnRelu, 610),
        Cell("LSTMCell", RecurrentKind.Lstm, 620),
        Cell("GRUCell", RecurrentKind.Gru, 630),
        Sequence("RNN tanh, 2 layers, bidirectional", RecurrentKind.RnnTanh, 640, layers: 2, bidirectional: true),
        Sequence("RNN relu", RecurrentKind.RnnRelu, 650),
        // A plain LSTM runs each layer and direction as one whole-sequence node (LstmSequence), whose recorded
        // backward recomputes the per-step path.
        Sequence("LSTM bidirectional", RecurrentKind.Lstm, 660, bidirectional: true),
        Sequence("LSTM bidirectional with projection", RecurrentKind.Lstm, 670, bidirectional: true, projSize: 1),
        Sequence("GRU bidirectional", RecurrentKind.Gru, 680, bidirectional: true),
        PeepholeCell(),
    ];

    /// <summary>An LSTM step with peepholes (composite path): x, h, c, W_ih, W_hh, b_ih, b_hh, w_ci, w_cf, w_co; h' and c' joined.</summary>
    private static OpInfo PeepholeCell() => new("LSTMCell with peepholes", x =>
    {
        var (h, c) = new RecurrentWeights(x[3], x[4], x[5], x[6], null, new Peepholes(x[7], x[8], x[9])).Step(RecurrentKind.Lstm, x[0], x[1], x[2]);
        return Joined(h, c!);
    }, () =>
    [
        Normal(690, Batch, Features), Normal(691, Batch, Hidden), Normal(692, Batch, Hidden), Normal(693, 4 * Hidden, Features),
        Normal(694, 4 * Hidden, Hidden), Normal(695, 4 * Hidden), Normal(696, 4 * Hidden), Normal(697, Hidden), Normal(698, Hidden), Normal(699, Hidden),
    ]);

    /// <summary>Inputs: x [N, in], h [N, H], (c [N, H]), W_ih, W_hh, b_ih, b_hh; the result is h', or h' and c' joined.</summary>
    private static OpInfo Cell(string name, RecurrentKind kind, int seed)
    {
        bool lstm = kind == RecurrentKind.Lstm;
        int rows = kind.GateCount() * Hidden;
        return new(name, x =>
        {
            int w = lstm ? 3 : 2;
            var (h, c) = new RecurrentWeights(x[w], x[w + 1], x[w + 2], x[w + 3], null).Step(kind, x[0], x[1], lstm ? x[2] : null);
            return c is null ? h : Joined(h, c);
        }, () =>
        [
            Normal(seed, Batch, Features), Normal(seed + 1, Batch, Hidden), .. lstm ? [Normal(seed + 2, Batch, Hidden)] : Array.Empty<Tensor>(),
            Normal(seed + 3, rows, Features), Normal(seed + 4, rows, Hidden), Normal(seed + 5, rows), Normal(seed + 6, rows),
        ]);
    }

    /// <summary>
    /// Inputs: x [T, N, in], h0 [L·D, N, P], (c0 [L·D, N, H]), then per layer and direction W_ih, W_hh, b_ih, b_hh (and
    /// W_hr); the result joins the output, h_n (and c_n).
    /// </summary>
    private static OpInfo Sequence(string name, RecurrentKind kind, int seed, int layers = 1, bool bidirectional = false, int projSize = 0)
    {
        bool lstm = kind == RecurrentKind.Lstm;
        int directions = bidirectional ? 2 : 1, rows = kind.GateCount() * Hidden, state = projSize > 0 ? projSize : Hidden;
        int perDirection = projSize > 0 ? 5 : 4;
        return new(name, x =>
        {
            int first = lstm ? 3 : 2;
            var weights = Enumerable.Range(0, layers * directions).Select(k => x.AsSpan(first + k * perDirection, perDirection).ToArray())
                .Select(w => new RecurrentWeights(w[0], w[1], w[2], w[3], projSize > 0 ? w[4] : null)).ToList();
            var (output, h, c) = RecurrentSequence.Run(kind, x[0], x[1], lstm ? x[2] : null, weights, bidirectional, 0, false, null);
            return c is null ? Joined(output, h) : Joined(output, h, c);
        }, () =>
        {
            int s = seed;
            var samples = new List<Tensor> { Normal(s++, Steps, Batch, Features), Normal(s++, layers * directions, Batch, state) };
            if (lstm) samples.Add(Normal(s++, layers * directions, Batch, Hidden));
            for (int layer = 0; layer < layers; layer++)
                for (int direction = 0; direction < directions; direction++)
                {
                    samples.AddRange([Normal(s++, rows, layer == 0 ? Features : directions * state), Normal(s++, rows, state), Normal(s++, rows), Normal(s++, rows)]);
                    if (projSize > 0) samples.Add(Normal(s++, projSize, Hidden));
                }
            return [.. samples];
        });
    }

    /// <summary>Several outputs as one tensor: flattened and concatenated, each later one scaled so none can cancel another.</summary>
    private static Tensor Joined(params Tensor[] outputs) =>
        Tensor.Cat([.. outputs.Select((t, i) => t.Reshape(-1) * (1.0 / (i + 1)))]);
}
