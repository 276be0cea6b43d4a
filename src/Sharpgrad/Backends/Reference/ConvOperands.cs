namespace Sharpgrad.Backends.Reference;

/// <summary>
/// Where the elements of one convolution's dense operands live: the images x [N, C, input] and y [N, O, output] and
/// the weight (or its gradient) [O, C/G, taps], spatial extents flattened row-major, and how groups pair channels.
/// </summary>
internal readonly record struct ConvOperands(DenseIndex X, DenseIndex Y, DenseIndex W, int GroupChannels, int GroupOutChannels)
{
    public static ConvOperands Of(ConvolutionPlan plan, Tensor x, Tensor y, Tensor w)
    {
        var g = plan.Geometry;
        int groupChannels = g.Channels / plan.Groups;
        return new(new DenseIndex(x.offset, g.Channels, g.InputVolume), new DenseIndex(y.offset, plan.OutChannels, g.OutputVolume),
            new DenseIndex(w.offset, groupChannels, g.KernelVolume), groupChannels, plan.OutChannels / plan.Groups);
    }

    /// <summary>The input channel that channel <paramref name="c"/> of output channel <paramref name="o"/>'s group is: groups split both in order.</summary>
    public int InputChannel(int o, int c) => o / GroupOutChannels * GroupChannels + c;
}
