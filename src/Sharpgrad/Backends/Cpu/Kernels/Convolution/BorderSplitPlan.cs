namespace Sharpgrad.Kernels;

/// <summary>
/// A convolution cut into classes of output positions by which taps fall inside the input, each class a convolution of
/// its own with no tap on the padding (<see cref="BorderSplitConvolution"/>). im2col + GEMM multiplies the taps that
/// read padding as zeros: with a 3×3 kernel and padding 1 a 4×4 map has 144 taps per channel pair where 100 are real
/// (1.44× the useful multiply-adds), an 8×8 map 576 against 484. Along each dim the output positions fall into runs
/// whose inside taps are the same interval (<see cref="ConvGeometry.InsideOutputTaps"/>: the first positions lose the
/// first taps, the last ones the last); a class is one run per dim, a box of outputs that reads a box of taps, all
/// inside. For 3×3 and padding 1 those are the interior (9 taps), four edges (6) and four corners (4).
/// </summary>
/// <remarks>
/// A class is the convolution of the same input by the weights' sub-box of taps, over the class's box of outputs: tap
/// t′ of output o′ reads input (o₀ + o′)·s + (t₀ + t′)·d − p = o′·s + t′·d − p′ with p′ = p − o₀·s − t₀·d, a padding
/// that is negative where the box starts inside the image (<see cref="ConvGeometry"/> takes it as an offset). So each
/// class runs on <see cref="GemmConvolution"/> unchanged, with its own <see cref="GemmConvPlan"/>.
/// <para>Not chosen by shape (<see cref="ConvAlgorithm.SplitsBorders"/>): each class needs its own copy of the weights'
/// sub-box, packed again, and for 3×3 those copies are 49 taps' worth where the unsplit product packs 9. In a training
/// step the weights change every call, so nothing amortises them; at VGG-11's 512 → 512 4×4 and 8×8 maps (batch 32, one
/// thread) the split ran 1.8× and 1.25× the unsplit forward's CPU time, though its products did ≈ 30% fewer multiply-adds
/// (docs/performance.md, branch vgg22). It is kept as a forced choice, tested against the plain convolution, for a caller
/// that can keep the classes' packs (inference) or a GEMM that reads a sub-range of one packed W.</para>
/// </remarks>
internal sealed class BorderSplitPlan
{
    public BorderSplitPlan(ConvGeometry geometry, int groups, int outChannels, int elementSize)
    {
        Geometry = geometry;
        var runs = new List<(int Begin, int End, int TapBegin, int TapEnd)>[ConvGeometry.Dims];
        for (int d = 0; d < ConvGeometry.Dims; d++) runs[d] = Runs(geometry, d);
        var classes = new List<BorderClass>();
        foreach (var a in runs[0])
            foreach (var b in runs[1])
                foreach (var c in runs[2])
                {
                    var box = new[] { a, b, c };
                    int[] begin = [.. box.Select(r => r.Begin)], end = [.. box.Select(r => r.End)];
                    int[] tapBegin = [.. box.Select(r => r.TapBegin)], tapEnd = [.. box.Select(r => r.TapEnd)];
                    var sub = SubGeometry(geometry, begin, end, tapBegin, tapEnd);
                    var plan = sub.KernelVolume == 0 ? null : new GemmConvPlan(sub, groups, outChannels, elementSize);
                    classes.Add(new BorderClass(begin, end, tapBegin, tapEnd, sub, plan));
                }
        Classes = classes;
    }

    public ConvGeometry Geometry { get; }

    /// <summary>The classes, boxes of output positions that tile the output, in order of their first position.</summary>
    public IReadOnlyList<BorderClass> Classes { get; }

    /// <summary>The runs of output positions along <paramref name="dim"/> whose inside taps are one interval, in order.</summary>
    private static List<(int Begin, int End, int TapBegin, int TapEnd)> Runs(ConvGeometry g, int dim)
    {
        var runs = new List<(int Begin, int End, int TapBegin, int TapEnd)>();
        for (int o = 0; o < g.Output[dim]; o++)
        {
            var (t0, t1) = g.InsideOutputTaps(dim, o);
            if (t0 >= t1) t0 = t1 = 0;   // a position that reads only padding: one empty interval, however found
            if (runs.Count > 0 && runs[^1].TapBegin == t0 && runs[^1].TapEnd == t1) runs[^1] = runs[^1] with { End = o + 1 };
            else runs.Add((o, o + 1, t0, t1));
        }
        return runs;
    }

    /// <summary>The convolution of one class: the same input, the taps [tapBegin, tapEnd) and the outputs [begin, end), padding shifted to match.</summary>
    private static ConvGeometry SubGeometry(ConvGeometry g, int[] begin, int[] end, int[] tapBegin, int[] tapEnd)
    {
        var pad = new int[ConvGeometry.Dims];
        for (int d = 0; d < ConvGeometry.Dims; d++) pad[d] = g.PadBefore[d] - begin[d] * g.Stride[d] - tapBegin[d] * g.Dilation[d];
        return new ConvGeometry(g.Batch, g.Channels, g.Input, [.. tapEnd.Select((e, d) => e - tapBegin[d])], g.Stride, pad, g.Dilation,
            [.. end.Select((e, d) => e - begin[d])]);
    }
}

/// <summary>
/// One class of <see cref="BorderSplitPlan"/>: the outputs [Begin, End) and the taps [TapBegin, TapEnd) along each dim,
/// its convolution's geometry and plan (null where its positions read only padding: their outputs are the bias).
/// </summary>
internal sealed record BorderClass(int[] Begin, int[] End, int[] TapBegin, int[] TapEnd, ConvGeometry Geometry, GemmConvPlan? Plan);
