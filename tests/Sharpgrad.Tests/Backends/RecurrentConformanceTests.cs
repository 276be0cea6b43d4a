using Sharpgrad.NN;

namespace Sharpgrad.Tests.Backends;

/// <summary>
/// The fused recurrent gate primitives (Backends/Backend.Recurrent.cs) on both backends: the new state and the gradients
/// of both projections and the previous state, for each recurrence. H = 11 is not a multiple of any vector width, so the
/// CPU kernel's zero-padded last vector of each row is exercised; the unbatched case has a single row.
/// </summary>
public class RecurrentConformanceTests : LayerConformance
{
    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void RnnTanhAndRelu(DType dtype)
    {
        AgreeOnBothBackends(x => [FusedGates.Rnn(x[0], x[1], relu: false)], dtype, Normal(700, 3, 11), Normal(701, 3, 11));
        AgreeOnBothBackends(x => [FusedGates.Rnn(x[0], x[1], relu: true)], dtype, Normal(702, 3, 11), Normal(703, 3, 11));
    }

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void Lstm(DType dtype)
    {
        AgreeOnBothBackends(x => [Joined(FusedGates.Lstm(x[0], x[1], x[2]))], dtype, Normal(710, 3, 44), Normal(711, 3, 44), Normal(712, 3, 11));
        AgreeOnBothBackends(x => [Joined(FusedGates.Lstm(x[0], x[1], x[2]))], dtype, Normal(713, 44), Normal(714, 44), Normal(715, 11));
    }

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void Gru(DType dtype)
        => AgreeOnBothBackends(x => [FusedGates.Gru(x[0], x[1], x[2])], dtype, Normal(720, 3, 33), Normal(721, 3, 33), Normal(722, 3, 11));

    /// <summary>h' and c' as one output, c' scaled so that the weighted sum's gradient reaches both with different weights.</summary>
    private static Tensor Joined((Tensor H, Tensor C) state) => Tensor.Cat([state.H.Reshape(-1), state.C.Reshape(-1) * 0.5]);
}
