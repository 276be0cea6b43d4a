namespace Sharpgrad.NN;

/// <summary>
/// One time step of each recurrence, written with differentiable tensor ops so that backward through time (and its
/// second derivative) comes from autograd. A step receives both GEMM results already made: the input projection
/// x·W_ihᵀ + b_ih (computed for all time steps at once by the caller) and the recurrent one h·W_hhᵀ + b_hh. The gates
/// are slices of those [N, G·H] rows in PyTorch's order, so PyTorch state dicts load unchanged.
/// </summary>
internal static class RecurrentGates
{
    /// <summary>Rows of W_ih and W_hh per hidden unit: LSTM i, f, g, o; GRU r, z, n; a plain RNN one.</summary>
    public static int GateCount(this RecurrentKind kind) => kind switch
    {
        RecurrentKind.Lstm => 4,
        RecurrentKind.Gru => 3,
        _ => 1,
    };

    /// <summary>Index of the forget gate's slice in an LSTM's gate rows (i, f, g, o).</summary>
    public const int LstmForgetGate = 1;

    /// <summary>
    /// Elementwise operations per hidden unit and step after the two GEMMs and their biases, for FLOP counting: each add,
    /// product and activation counts 1. RNN: add, φ. LSTM: 4 adds, 3 sigmoids, tanh g, f⊙c + i⊙g (3), tanh c, o⊙tanh c.
    /// GRU: 2 adds and 2 sigmoids for r and z, r⊙(hn) + xn and its tanh (3), (1 − z)⊙n + z⊙h (4).
    /// </summary>
    public static int ElementwiseOpsPerUnit(this RecurrentKind kind) => kind switch
    {
        RecurrentKind.Lstm => 13,
        RecurrentKind.Gru => 11,
        _ => 2,
    };

    /// <summary>
    /// The next state from the two projections. <paramref name="cell"/> is the LSTM's memory cell (null otherwise);
    /// <paramref name="projection"/> is the LSTM's W_hr ([P, H]) when it has a projection (Sak et al. 2014), else null.
    /// The gate arithmetic is one fused node (<see cref="FusedGates"/>) in float32 and float64, the composite otherwise and
    /// for an LSTM with <paramref name="peepholes"/>.
    /// </summary>
    public static (Tensor H, Tensor? C) Step(RecurrentKind kind, Tensor inputGates, Tensor hiddenGates, Tensor hidden,
        Tensor? cell, Tensor? projection, Peepholes? peepholes = null)
    {
        if (!FusedGates.Supports(inputGates.DType) || peepholes is not null)
            return Composite(kind, inputGates, hiddenGates, hidden, cell, projection, peepholes);
        switch (kind)
        {
            case RecurrentKind.RnnTanh or RecurrentKind.RnnRelu:
                return (FusedGates.Rnn(inputGates, hiddenGates, relu: kind == RecurrentKind.RnnRelu), null);
            case RecurrentKind.Lstm:
            {
                var (nextHidden, nextCell) = FusedGates.Lstm(inputGates, hiddenGates, cell!);
                return (Project(nextHidden, projection), nextCell);
            }
            case RecurrentKind.Gru:
                return (FusedGates.Gru(inputGates, hiddenGates, hidden), null);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "RecurrentGates: unknown recurrence.");
        }
    }

    /// <summary>
    /// The same step written with differentiable tensor ops, about a dozen nodes: the definition the fused node is
    /// tested against (and what other dtypes run).
    /// </summary>
    public static (Tensor H, Tensor? C) Composite(RecurrentKind kind, Tensor inputGates, Tensor hiddenGates, Tensor hidden,
        Tensor? cell, Tensor? projection, Peepholes? peepholes = null)
    {
        switch (kind)
        {
            case RecurrentKind.RnnTanh:
                return ((inputGates + hiddenGates).Tanh(), null);
            case RecurrentKind.RnnRelu:
                return ((inputGates + hiddenGates).Relu(), null);
            case RecurrentKind.Lstm:
            {
                // GBC §10.10.1: c' = f ⊙ c + i ⊙ g, h' = o ⊙ tanh(c'), with the gates squashed by σ and g by tanh; peepholes
                // add w_ci ⊙ c and w_cf ⊙ c to i's and f's pre-activations and w_co ⊙ c' to o's.
                var gates = (inputGates + hiddenGates).Chunk(4, -1);
                var (inputSum, forgetSum) = peepholes is null ? (gates[0], gates[1]) : (gates[0] + peepholes.Input * cell!, gates[1] + peepholes.Forget * cell!);
                var (input, forget, candidate) = (inputSum.Sigmoid(), forgetSum.Sigmoid(), gates[2].Tanh());
                var nextCell = forget * cell! + input * candidate;
                var output = (peepholes is null ? gates[3] : gates[3] + peepholes.Output * nextCell).Sigmoid();
                var nextHidden = output * nextCell.Tanh();
                return (Project(nextHidden, projection), nextCell);
            }
            case RecurrentKind.Gru:
            {
                // GBC §10.10.2 with PyTorch's placement of b_hn: n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), then
                // h' = (1 − z) ⊙ n + z ⊙ h.
                var x = inputGates.Chunk(3, -1);
                var h = hiddenGates.Chunk(3, -1);
                var reset = (x[0] + h[0]).Sigmoid();
                var update = (x[1] + h[1]).Sigmoid();
                var candidate = (x[2] + reset * h[2]).Tanh();
                return ((1 - update) * candidate + update * hidden, null);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "RecurrentGates: unknown recurrence.");
        }
    }

    /// <summary>The LSTM's h' = o ⊙ tanh(c'), times W_hrᵀ when it has a projection (Sak et al. 2014).</summary>
    private static Tensor Project(Tensor hidden, Tensor? projection) => projection is null ? hidden : Functional.Linear(hidden, projection);
}
