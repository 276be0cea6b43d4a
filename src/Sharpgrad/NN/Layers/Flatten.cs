namespace Sharpgrad.NN;

/// <summary>
/// Merges dimensions <see cref="StartDim"/>..<see cref="EndDim"/> into one. The defaults keep the batch dim, turning
/// [N, C, H, W] images into [N, C·H·W] vectors for a Linear layer.
/// </summary>
public sealed class Flatten(int startDim = 1, int endDim = -1) : Module<Tensor, Tensor>
{
    public int StartDim { get; } = startDim;
    public int EndDim { get; } = endDim;

    protected override Tensor ForwardCore(Tensor input) => input.Flatten(StartDim, EndDim);

    protected override string ExtraRepr() => $"start_dim={StartDim}, end_dim={EndDim}";
}
