namespace Sharpgrad.NN;

/// <summary>
/// The gate arithmetic of one step as ONE autograd node per step (issue #12): the forward and the backward are each one
/// backend primitive (Backends/Backend.Recurrent.cs), where the composite (<see cref="RecurrentGates.Composite"/>)
/// recorded about a dozen elementwise nodes. The forward saves the activated gates, so the backward through time is a
/// pass of products with no exp or tanh. When the backward is itself recorded (createGraph: double backward,
/// Hessian-vector products), the node's rule runs <see cref="RecordedGateBackward"/> instead, the same gradients
/// written with tensor ops from the node's inputs, which can be differentiated again (the pattern of the fused
/// activations and of batch norm).
/// </summary>
internal static class FusedGates
{
    /// <summary>The primitives compute in float32 and float64; other dtypes take the composite.</summary>
    public static bool Supports(DType dtype) => dtype is DType.Float32 or DType.Float64;

    /// <summary>h' = φ(inputGates + hiddenGates), φ = tanh or ReLU: node "RnnTanhGates" or "RnnReluGates".</summary>
    public static Tensor Rnn(Tensor inputGates, Tensor hiddenGates, bool relu)
    {
        string op = relu ? "RnnReluGates" : "RnnTanhGates";
        var (xg, hg) = Operands(op, inputGates, hiddenGates);
        var hidden = Tensor.UninitializedLike(xg);
        xg.Backend.RnnGates(hidden, xg, hg, relu);
        return hidden.Record(op, [inputGates, hiddenGates], g =>
        {
            if (Autograd.IsGradEnabled)
            {
                var recorded = RecordedGateBackward.Rnn(g, inputGates, hiddenGates, relu);
                return [recorded, recorded];
            }
            var gradGates = Tensor.UninitializedLike(hidden);
            hidden.Backend.RnnGatesBackward(gradGates, g.Contiguous(), hidden, relu);
            return [gradGates, gradGates];  // a = inputGates + hiddenGates: both get ∂L/∂a
        });
    }

    /// <summary>(h', c') of an LSTM step: node "LstmGates", whose output is the pair stacked, [2, ..., H].</summary>
    public static (Tensor H, Tensor C) Lstm(Tensor inputGates, Tensor hiddenGates, Tensor cell)
    {
        const string op = "LstmGates";
        var (xg, hg) = Operands(op, inputGates, hiddenGates, cell);
        var c = cell.Detach().Contiguous();
        var state = Tensor.Uninitialized(c.DType, [2, .. c.Shape], c.Device);
        var saved = Tensor.Uninitialized(c.DType, WithLast(c, 5 * c.Size(-1)), c.Device);
        c.Backend.LstmGates(state, saved, xg, hg, c);
        state = state.Record(op, [inputGates, hiddenGates, cell], g =>
        {
            if (Autograd.IsGradEnabled)
            {
                var (recordedGates, recordedCell) = RecordedGateBackward.Lstm(g, inputGates, hiddenGates, cell);
                return [recordedGates, recordedGates, recordedCell];
            }
            var gradGates = Tensor.UninitializedLike(xg);
            var gradCell = Tensor.UninitializedLike(c);
            c.Backend.LstmGatesBackward(gradGates, gradCell, g.Contiguous(), saved, c);
            return [gradGates, gradGates, gradCell];
        });
        return (state.Select(0, 0), state.Select(0, 1));
    }

    /// <summary>h' of a GRU step: node "GruGates".</summary>
    public static Tensor Gru(Tensor inputGates, Tensor hiddenGates, Tensor previous)
    {
        const string op = "GruGates";
        var (xg, hg) = Operands(op, inputGates, hiddenGates, previous);
        var h = previous.Detach().Contiguous();
        var hidden = Tensor.UninitializedLike(h);
        var saved = Tensor.Uninitialized(h.DType, WithLast(h, 4 * h.Size(-1)), h.Device);
        h.Backend.GruGates(hidden, saved, xg, hg, h);
        return hidden.Record(op, [inputGates, hiddenGates, previous], g =>
        {
            if (Autograd.IsGradEnabled)
            {
                var (recordedInput, recordedHidden, recordedPrevious) = RecordedGateBackward.Gru(g, inputGates, hiddenGates, previous);
                return [recordedInput, recordedHidden, recordedPrevious];
            }
            var (gradInput, gradHidden, gradPrevious) = (Tensor.UninitializedLike(xg), Tensor.UninitializedLike(hg), Tensor.UninitializedLike(h));
            h.Backend.GruGatesBackward(gradInput, gradHidden, gradPrevious, g.Contiguous(), saved, h);
            return [gradInput, gradHidden, gradPrevious];
        });
    }

    /// <summary>The two projections, detached and contiguous, after checking that everything is on one device.</summary>
    private static (Tensor InputGates, Tensor HiddenGates) Operands(string op, Tensor inputGates, Tensor hiddenGates, Tensor? state = null)
    {
        Device.Of(op, inputGates, hiddenGates, state ?? inputGates);  // fails on mixed devices
        return (inputGates.Detach().Contiguous(), hiddenGates.Detach().Contiguous());
    }

    private static int[] WithLast(Tensor t, int last) => [.. t.Shape.ToArray()[..^1], last];
}
