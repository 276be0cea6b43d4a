using Sharpgrad.NN;

namespace Sharpgrad.Models;

/// <summary>
/// He et al. (2016) §4.1 option A: a parameter-free shortcut for a block that halves the resolution and widens the
/// channels. It keeps every <see cref="Stride"/>-th position (x[:, :, ::s, ::s]) and pads the new channels with zeros,
/// half before and half after, as the common CIFAR implementation does, so the shortcut stays an identity on the
/// channels it has.
/// </summary>
public sealed class ZeroPadShortcut : Module<Tensor, Tensor>
{
    public ZeroPadShortcut(int inChannels, int outChannels, int stride)
    {
        if (inChannels < 1 || outChannels < inChannels || stride < 1)
            throw new ArgumentException(
                $"ZeroPadShortcut: need 1 ≤ in channels ≤ out channels and stride ≥ 1, got in={inChannels}, out={outChannels}, stride={stride}.");
        InChannels = inChannels;
        OutChannels = outChannels;
        Stride = stride;
    }

    public int InChannels { get; }
    public int OutChannels { get; }
    public int Stride { get; }

    protected override Tensor ForwardCore(Tensor input)
    {
        if (input.Rank != 4 || input.Size(1) != InChannels)
            throw new ArgumentException($"ZeroPadShortcut: expected input [N, {InChannels}, H, W], got {input.ShapeText}.");
        var subsampled = input.Slice(2, 0, input.Size(2), Stride).Slice(3, 0, input.Size(3), Stride);
        int extra = OutChannels - InChannels;
        // Pad pairs run from the last dim backwards: (W), (H), (C).
        return Functional.Pad(subsampled, [0, 0, 0, 0, extra / 2, extra - extra / 2], 0.0);
    }

    protected override string ExtraRepr() => $"{InChannels}, {OutChannels}, stride={Stride}";
}
