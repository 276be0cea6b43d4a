namespace Sharpgrad.NN.Memory;

/// <summary>
/// The dtypes the fused memory-addressing primitives (<see cref="FusedContentAddressing"/>, <see cref="FusedLinkUpdate"/>)
/// compute in: float32 or float64, every operand of one dtype; anything else takes the composite of tensor ops.
/// </summary>
internal static class FusedMemoryDTypes
{
    public static bool Supported(Tensor first, Tensor second, Tensor third) =>
        first.DType is DType.Float32 or DType.Float64 && second.DType == first.DType && third.DType == first.DType;
}
