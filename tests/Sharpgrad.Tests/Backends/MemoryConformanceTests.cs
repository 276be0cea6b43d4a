using Sharpgrad.NN.Memory;

namespace Sharpgrad.Tests.Backends;

/// <summary>
/// The memory-addressing primitives (Backends/Backend.Memory.cs) on both backends: content weightings and the gradients
/// of memory, keys and strengths; the DNC's L_t and the gradients of L_{t−1}, w and p. Widths of 19 are not a multiple of
/// any vector width, so the CPU kernels' SIMD bodies and scalar tails both run.
/// </summary>
public class MemoryConformanceTests : LayerConformance
{
    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void ContentAddressingWeights(DType dtype)
        => AgreeOnBothBackends(x => [ContentAddressing.Weights(x[0], x[1], 1 + x[2].Softplus())], dtype,
            Normal(963, 3, 7, 19), Normal(964, 3, 4, 19), Normal(965, 3, 4));

    [Theory]
    [MemberData(nameof(FloatTypes))]
    public void DncLinkUpdate(DType dtype)
        => AgreeOnBothBackends(x => [TemporalLinkage.Link(x[0].Sigmoid() * 0.1, x[1].Softmax(-1) * 0.9, x[2].Softmax(-1))], dtype,
            Normal(960, 3, 19, 19), Normal(961, 3, 19), Normal(962, 3, 19));
}
