using System.Numerics;

namespace Sharpgrad.Backends;

// The memory-addressing primitives' device checks and dtype switch, shared by the host backends: each implements the generic forms.
internal abstract partial class HostBackend
{
    public sealed override void ContentWeights(Tensor weights, Tensor similarity, Tensor rowNorms, Tensor keyNorms, Tensor memory, Tensor keys,
        Tensor strengths, double epsilon)
    {
        RequireOwn("ContentWeights", weights, similarity, rowNorms, keyNorms);
        RequireOwn("ContentWeights", memory, keys, strengths);
        if (memory.DType == DType.Float32) ContentWeights<float>(weights, similarity, rowNorms, keyNorms, memory, keys, strengths, (float)epsilon);
        else ContentWeights<double>(weights, similarity, rowNorms, keyNorms, memory, keys, strengths, epsilon);
    }

    public sealed override void ContentWeightsBackward(Tensor gradMemory, Tensor gradKeys, Tensor gradStrengths, Tensor gradWeights, Tensor weights,
        Tensor similarity, Tensor rowNorms, Tensor keyNorms, Tensor memory, Tensor keys, Tensor strengths)
    {
        RequireOwn("ContentWeightsBackward", gradMemory, gradKeys, gradStrengths, gradWeights);
        RequireOwn("ContentWeightsBackward", weights, similarity, rowNorms, keyNorms);
        RequireOwn("ContentWeightsBackward", memory, keys, strengths);
        if (memory.DType == DType.Float32)
            ContentWeightsBackward<float>(gradMemory, gradKeys, gradStrengths, gradWeights, weights, similarity, rowNorms, keyNorms, memory, keys, strengths);
        else ContentWeightsBackward<double>(gradMemory, gradKeys, gradStrengths, gradWeights, weights, similarity, rowNorms, keyNorms, memory, keys, strengths);
    }

    public sealed override void DncLink(Tensor link, Tensor previousLink, Tensor write, Tensor precedence)
    {
        RequireOwn("DncLink", link, previousLink, write, precedence);
        if (link.DType == DType.Float32) DncLink<float>(link, previousLink, write, precedence);
        else DncLink<double>(link, previousLink, write, precedence);
    }

    public sealed override void DncLinkBackward(Tensor gradPreviousLink, Tensor gradWrite, Tensor gradPrecedence, Tensor gradLink,
        Tensor previousLink, Tensor write, Tensor precedence)
    {
        RequireOwn("DncLinkBackward", gradPreviousLink, gradWrite, gradPrecedence, gradLink);
        RequireOwn("DncLinkBackward", previousLink, write, precedence);
        if (gradLink.DType == DType.Float32) DncLinkBackward<float>(gradPreviousLink, gradWrite, gradPrecedence, gradLink, previousLink, write, precedence);
        else DncLinkBackward<double>(gradPreviousLink, gradWrite, gradPrecedence, gradLink, previousLink, write, precedence);
    }

    protected abstract void ContentWeights<T>(Tensor weights, Tensor similarity, Tensor rowNorms, Tensor keyNorms, Tensor memory, Tensor keys,
        Tensor strengths, T epsilon) where T : unmanaged, IFloatingPointIeee754<T>;

    protected abstract void ContentWeightsBackward<T>(Tensor gradMemory, Tensor gradKeys, Tensor gradStrengths, Tensor gradWeights, Tensor weights,
        Tensor similarity, Tensor rowNorms, Tensor keyNorms, Tensor memory, Tensor keys, Tensor strengths) where T : unmanaged, IFloatingPointIeee754<T>;

    protected abstract void DncLink<T>(Tensor link, Tensor previousLink, Tensor write, Tensor precedence) where T : unmanaged, IFloatingPointIeee754<T>;

    protected abstract void DncLinkBackward<T>(Tensor gradPreviousLink, Tensor gradWrite, Tensor gradPrecedence, Tensor gradLink,
        Tensor previousLink, Tensor write, Tensor precedence) where T : unmanaged, IFloatingPointIeee754<T>;
}
