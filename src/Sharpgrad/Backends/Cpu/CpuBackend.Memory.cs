using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

// Content addressing runs ContentAddressingKernels and the DNC link update TemporalLinkKernels, parallel over the
// batch; every operand is contiguous.
internal sealed partial class CpuBackend
{
    protected override void ContentWeights<T>(Tensor weights, Tensor similarity, Tensor rowNorms, Tensor keyNorms, Tensor memory, Tensor keys,
        Tensor strengths, T epsilon)
        => ContentAddressingKernels.Weights(Matrix<T>(weights), Matrix<T>(similarity), Matrix<T>(rowNorms), Matrix<T>(keyNorms), Matrix<T>(memory),
            Matrix<T>(keys), Matrix<T>(strengths), epsilon, keys.shape[0], keys.shape[1], memory.shape[1], memory.shape[2]);

    protected override void ContentWeightsBackward<T>(Tensor gradMemory, Tensor gradKeys, Tensor gradStrengths, Tensor gradWeights, Tensor weights,
        Tensor similarity, Tensor rowNorms, Tensor keyNorms, Tensor memory, Tensor keys, Tensor strengths)
        => ContentAddressingKernels.WeightsBackward(Matrix<T>(gradMemory), Matrix<T>(gradKeys), Matrix<T>(gradStrengths), Matrix<T>(gradWeights),
            Matrix<T>(weights), Matrix<T>(similarity), Matrix<T>(rowNorms), Matrix<T>(keyNorms), Matrix<T>(memory), Matrix<T>(keys),
            Matrix<T>(strengths), keys.shape[0], keys.shape[1], memory.shape[1], memory.shape[2]);

    protected override void DncLink<T>(Tensor link, Tensor previousLink, Tensor write, Tensor precedence)
        => TemporalLinkKernels.Link(Matrix<T>(link), Matrix<T>(previousLink), Matrix<T>(write), Matrix<T>(precedence), write.shape[0], write.shape[1]);

    protected override void DncLinkBackward<T>(Tensor gradPreviousLink, Tensor gradWrite, Tensor gradPrecedence, Tensor gradLink,
        Tensor previousLink, Tensor write, Tensor precedence)
        => TemporalLinkKernels.LinkBackward(Matrix<T>(gradPreviousLink), Matrix<T>(gradWrite), Matrix<T>(gradPrecedence), Matrix<T>(gradLink),
            Matrix<T>(previousLink), Matrix<T>(write), Matrix<T>(precedence), write.shape[0], write.shape[1]);

    private static Span2<T> Matrix<T>(Tensor t) where T : unmanaged => new(t.Data<T>(), t.offset);
}
