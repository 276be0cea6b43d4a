namespace Sharpgrad.Kernels;

/// <summary>
/// What every convolution plan knows of its problem: the geometry, the channel counts of a group and the
/// <see cref="ImageChunks"/> of the maps and of the weight gradient (fixed by the problem alone, never by the thread count). <see cref="GemmConvPlan"/> and
/// <see cref="ImplicitConvPlan"/> add how their kernels cut the work.
/// </summary>
internal abstract class ConvGroupPlan
{
    /// <param name="imagesPerChunk">the fewest images per chunk (<see cref="ImageChunks.ForMaps"/>)</param>
    protected ConvGroupPlan(ConvGeometry geometry, int groups, int outChannels, int imagesPerChunk = 1)
    {
        Geometry = geometry;
        Groups = groups;
        OutChannels = outChannels;
        GroupChannels = geometry.Channels / groups;
        GroupOutChannels = outChannels / groups;
        GroupRows = GroupChannels * geometry.KernelVolume;
        long work = (long)outChannels * GroupRows * geometry.OutputVolume;
        Chunks = ImageChunks.ForMaps(geometry.Batch, work, imagesPerChunk);
        WeightGradientChunks = ImageChunks.ForWeightGradient(geometry.Batch, work, (long)outChannels * GroupRows, imagesPerChunk);
    }

    public ConvGeometry Geometry { get; }

    public int Groups { get; }

    /// <summary>O: channels of the convolution's output (C, the input's, is <see cref="ConvGeometry.Channels"/>).</summary>
    public int OutChannels { get; }

    /// <summary>C/G: input channels per group.</summary>
    public int GroupChannels { get; }

    /// <summary>O/G: output channels per group.</summary>
    public int GroupOutChannels { get; }

    /// <summary>
    /// (C/G)·K: the taps of a group — rows of its block of the column matrix, columns of its block of the weight
    /// [O/G, (C/G)·K], the depth of the forward product.
    /// </summary>
    public int GroupRows { get; }

    /// <summary>The parallel work units of the forward map (and of the adjoint, for plans that run it).</summary>
    public ImageChunks Chunks { get; }

    /// <summary>The weight gradient's chunks, one partial sum each: coarser than <see cref="Chunks"/> where the weights are large.</summary>
    public ImageChunks WeightGradientChunks { get; }
}
