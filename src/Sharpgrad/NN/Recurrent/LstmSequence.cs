using Sharpgrad.Backends;

namespace Sharpgrad.NN;

/// <summary>
/// One LSTM layer in one direction over a whole padded sequence as ONE autograd node (issue #12), the layout of
/// PyTorch's fused CPU LSTM: the forward keeps a preallocated workspace (the gates of all steps in one [T·N, 4H]
/// buffer, the saved activations [T, N, 5H], the states) and runs per step one recurrent GEMM accumulated into that
/// step's gate rows plus the fused gate kernel; the backward runs through time writing the gate gradients of all steps
/// into one [T·N, 4H] buffer, with one GEMM per step for ∂h_{t−1}, and then takes ∂W_ih, ∂W_hh, ∂x and the biases'
/// gradients as ONE GEMM (or sum) each over all steps (GBC §10.2.2, §10.10.1). The per-step path
/// (<see cref="RecurrentDirection"/>) recorded a gate node, two GEMM nodes and the step views' scatters per step, and
/// allocated about 40 MB per lstm_lm_step.
/// <para>The result is one tensor [T + 2, N, H] from which the layer's outputs are views: forward order holds
/// (h_init, h_1 … h_T, c_T), reverse order (h_1 … h_T, h_init, c_1) (time indices; the reverse direction ends at step
/// 1). Either way rows <see cref="PreviousRows"/> are the states each step read, so ∂W_hh = Σ_t ∂gates_tᵀ·h_prev(t)
/// is one GEMM over the rows as they lie. The slot of h_init gets no gradient (no view exposes it).</para>
/// <para>When the backward is itself recorded (createGraph), the node differentiates the per-step composite path
/// instead (<see cref="RecordedBackward"/>), which can be differentiated again.</para>
/// </summary>
internal static class LstmSequence
{
    /// <summary>A plain LSTM (no projection, no peepholes) in float32/float64 over steps that all hold the whole batch.</summary>
    public static bool Applies(RecurrentKind kind, RecurrentWeights weights, int[] sizes, Tensor rows)
        => kind == RecurrentKind.Lstm && weights.Projection is null && weights.Peepholes is null && FusedGates.Supports(rows.DType)
           && sizes.Length > 0 && sizes.All(size => size == sizes[0] && size > 0);

    /// <param name="rows">[T·N, in], step t in rows t·N … t·N + N − 1</param>
    /// <param name="h">[N, H], the initial hidden state</param>
    /// <param name="c">[N, H], the initial cell</param>
    /// <returns>the outputs [T·N, H] in time order and the final (h, c)</returns>
    public static (Tensor Output, Tensor H, Tensor C) Run(RecurrentWeights weights, Tensor rows, Tensor h, Tensor c, int steps, bool reverse)
    {
        Device.Of("LSTM", rows, weights.InputToHidden, h, c);  // fails on mixed devices
        int batch = h.Size(0), hidden = c.Size(-1);
        Tensor[] inputs = [rows, weights.InputToHidden, weights.HiddenToHidden, h, c, .. Biases(weights)];
        Workspace workspace;
        using (Autograd.NoGrad()) workspace = Forward(weights, rows.Detach(), h.Detach(), c.Detach(), steps, reverse);
        var result = workspace.Result.Record("LstmSequence", inputs, g => Autograd.IsGradEnabled
            ? RecordedBackward(g, weights, rows, h, c, steps, reverse)
            : Backward(g, workspace, weights, rows.Detach(), inputs));
        var output = result.Narrow(0, reverse ? 0 : 1, steps).Reshape(steps * batch, hidden);
        return (output, result.Select(0, reverse ? 0 : steps), result.Select(0, steps + 1));
    }

    /// <summary>What the backward reads: the result, the activations saved per step, and each step's cell.</summary>
    private sealed record Workspace(Tensor Result, Tensor Saved, Tensor States, Tensor InitialCell, int Steps, bool Reverse)
    {
        /// <summary>Time index of the k-th step run: 0 … T−1 forward, T−1 … 0 in reverse.</summary>
        public int Time(int k) => Reverse ? Steps - 1 - k : k;

        /// <summary>The cell step t read: the initial one for the first step run, else the previous step's c.</summary>
        public Tensor PreviousCell(int t) => t == Time(0) ? InitialCell : States.Select(0, Reverse ? t + 1 : t - 1).Select(0, 1);

        /// <summary>The hidden state step t read, as a row of <see cref="Result"/>.</summary>
        public Tensor PreviousHidden(int t) => Result.Select(0, Reverse ? t + 1 : t);

        /// <summary>The states read by steps 0 … T−1, in time order: rows [T, N, H] of <see cref="Result"/>.</summary>
        public Tensor PreviousRows => Result.Narrow(0, Reverse ? 1 : 0, Steps);
    }

    private static Workspace Forward(RecurrentWeights weights, Tensor rows, Tensor h, Tensor c, int steps, bool reverse)
    {
        int batch = h.Size(0), hidden = c.Size(-1);
        var dtype = rows.DType;
        // x·W_ihᵀ + b_ih + b_hh for every step in one GEMM, the biases laid in first so the GEMM accumulates onto them
        // (as Linear does); each step then accumulates h_prev·W_hhᵀ onto its own rows.
        var gates = Tensor.Empty(dtype, [steps * batch, 4 * hidden], rows.Device);
        foreach (var bias in Biases(weights)) gates.AddInPlace(bias.Detach());
        gates.Backend.MatMul(gates, rows, weights.InputToHidden.Detach().TransposedMatrix(), accumulate: true);
        // W_hhᵀ is the right operand of every step's product: prepared (on the CPU, packed) once for all T steps, and
        // its packed array back to the pool when this pass returns, after the last step's product.
        using var recurrent = Prepared(weights.HiddenToHidden.Detach().TransposedMatrix(), batch, uses: steps);
        var zeros = Tensor.Empty(dtype, [batch, 4 * hidden], rows.Device);
        var result = Tensor.Uninitialized(dtype, [steps + 2, batch, hidden], rows.Device);
        var saved = Tensor.Uninitialized(dtype, [steps, batch, 5 * hidden], rows.Device);
        var states = Tensor.Uninitialized(dtype, [steps, 2, batch, hidden], rows.Device);
        var workspace = new Workspace(result, saved, states, c.Contiguous(copy: true), steps, reverse);
        workspace.PreviousHidden(workspace.Time(0)).CopyFrom(h);
        for (int k = 0; k < steps; k++)
        {
            int t = workspace.Time(k);
            var stepGates = gates.Narrow(0, t * batch, batch);
            gates.Backend.MatMul(stepGates, workspace.PreviousHidden(t), recurrent, accumulate: true);
            gates.Backend.LstmGates(states.Select(0, t), saved.Select(0, t), stepGates, zeros, workspace.PreviousCell(t));
            result.Select(0, reverse ? t : t + 1).CopyFrom(states.Select(0, t).Select(0, 0));
        }
        result.Select(0, steps + 1).CopyFrom(states.Select(0, workspace.Time(steps - 1)).Select(0, 1));
        return workspace;
    }

    /// <summary>
    /// The recurrent weight as the right operand of <paramref name="uses"/> products of <paramref name="batch"/> rows,
    /// prepared only when that pays: packing reads and writes all of W_hh once, which a single product would not repay,
    /// and a single row takes the matrix–vector product, which reads W_hh where it lies (token-by-token generation).
    /// </summary>
    private static PreparedRightOperand Prepared(Tensor weight, int batch, int uses)
        => batch > 1 && uses > 1 ? weight.Backend.PrepareRight(weight) : new PreparedRightOperand(weight);

    /// <summary>
    /// Backward through time from the gradient of the result: per step, ∂h = ∂y_t + ∂gates_{next}·W_hh (one GEMM) and
    /// the fused gate backward; then ∂x = ∂gates·W_ih, ∂W_ih = ∂gatesᵀ·x, ∂W_hh = ∂gatesᵀ·h_prev and ∂b = Σ_rows ∂gates
    /// over all steps at once.
    /// </summary>
    private static Tensor?[] Backward(Tensor g, Workspace workspace, RecurrentWeights weights, Tensor rows, Tensor[] inputs)
    {
        int steps = workspace.Steps, batch = g.Size(1), hidden = g.Size(2);
        g = g.Contiguous();
        var dtype = g.DType;
        // As in the forward, once for all steps: T − 1 products between steps, one more for ∂h0; released on return.
        using var recurrent = Prepared(weights.HiddenToHidden.Detach(), batch, uses: steps - 1 + (inputs[3].RequiresGrad ? 1 : 0));
        var gradGates = Tensor.Uninitialized(dtype, [steps * batch, 4 * hidden], g.Device);
        var gradState = Tensor.Uninitialized(dtype, [2, batch, hidden], g.Device);
        var (gradHidden, gradCell) = (gradState.Select(0, 0), gradState.Select(0, 1));
        var gradPreviousCell = Tensor.Uninitialized(dtype, [batch, hidden], g.Device);
        gradCell.CopyFrom(g.Select(0, steps + 1));
        Tensor? later = null;  // ∂gates of the step run after this one
        for (int k = steps - 1; k >= 0; k--)
        {
            int t = workspace.Time(k);
            gradHidden.CopyFrom(g.Select(0, workspace.Reverse ? t : t + 1));
            if (later is not null) g.Backend.MatMul(gradHidden, later, recurrent, accumulate: true);
            var stepGates = gradGates.Narrow(0, t * batch, batch);
            g.Backend.LstmGatesBackward(stepGates, gradPreviousCell, gradState, workspace.Saved.Select(0, t), workspace.PreviousCell(t));
            gradCell.CopyFrom(gradPreviousCell);
            later = stepGates;
        }
        // Only the gradients some input needs: a frozen layer (weights without RequiresGrad) skips its weight GEMMs.
        Tensor? gradH0 = null;
        if (inputs[3].RequiresGrad)
        {
            gradH0 = Tensor.Uninitialized(dtype, [batch, hidden], g.Device);
            g.Backend.MatMul(gradH0, later!, recurrent, accumulate: false);
        }
        var gradRows = inputs[0].RequiresGrad ? gradGates.MatMul(weights.InputToHidden.Detach()) : null;
        var gradInputWeights = inputs[1].RequiresGrad ? gradGates.TransposedMatrix().MatMul(rows) : null;
        var gradRecurrentWeights = inputs[2].RequiresGrad
            ? gradGates.TransposedMatrix().MatMul(workspace.PreviousRows.Reshape(steps * batch, hidden)) : null;
        var gradCell0 = inputs[4].RequiresGrad ? gradPreviousCell : null;
        bool hasBias = inputs.Length > 5;
        var gradBias = hasBias && (inputs[5].RequiresGrad || inputs[6].RequiresGrad) ? gradGates.Sum(0) : null;
        Tensor?[] gradBiases = hasBias ? [inputs[5].RequiresGrad ? gradBias : null, inputs[6].RequiresGrad ? gradBias : null] : [];
        return [gradRows, gradInputWeights, gradRecurrentWeights, gradH0, gradCell0, .. gradBiases];
    }

    /// <summary>
    /// The gradients when the backward is recorded: the same layer recomputed step by step with differentiable ops
    /// (fused gate nodes, whose own recorded rule is <see cref="RecordedGateBackward"/>), differentiated with createGraph.
    /// The recomputation reads copies of the inputs, and the nested pass asks for gradients with respect to those: the
    /// engine runs a tensor's hooks when it is a wanted input, so asking for the parameters themselves would run their
    /// hooks here and again when the outer pass reaches them.
    /// </summary>
    private static Tensor?[] RecordedBackward(Tensor g, RecurrentWeights weights, Tensor rows, Tensor h, Tensor c, int steps, bool reverse)
    {
        Tensor[] inputs = [rows, weights.InputToHidden, weights.HiddenToHidden, h, c, .. Biases(weights)];
        var copies = inputs.Select(input => input.RequiresGrad ? input.Clone() : input).ToArray();
        var copiedWeights = weights with
        {
            InputToHidden = copies[1], HiddenToHidden = copies[2],
            InputBias = copies.Length > 5 ? copies[5] : null, HiddenBias = copies.Length > 5 ? copies[6] : null,
        };
        var (copiedRows, copiedH, copiedC) = (copies[0], copies[3], copies[4]);
        var direction = new RecurrentDirection(RecurrentKind.Lstm, copiedWeights, Enumerable.Repeat(h.Size(0), steps).ToArray(), fused: false);
        var (output, _, cn) = reverse ? direction.Reverse(copiedRows, copiedH, copiedC) : direction.Forward(copiedRows, copiedH, copiedC);
        var outputs = output.Reshape(steps, h.Size(0), h.Size(1));
        var result = Tensor.Cat(reverse ? [outputs, copiedH.Unsqueeze(0), cn!.Unsqueeze(0)] : [copiedH.Unsqueeze(0), outputs, cn!.Unsqueeze(0)]);
        var differentiable = copies.Where((_, i) => inputs[i].RequiresGrad).ToArray();
        var grads = Autograd.Grad([result], differentiable, [g], createGraph: true, allowUnused: true);
        var gradients = new Tensor?[inputs.Length];
        for (int i = 0, next = 0; i < inputs.Length; i++)
            if (inputs[i].RequiresGrad) gradients[i] = grads[next++];
        return gradients;
    }

    private static Tensor[] Biases(RecurrentWeights weights)
        => weights.InputBias is { } inputBias && weights.HiddenBias is { } hiddenBias ? [inputBias, hiddenBias] : [];
}
