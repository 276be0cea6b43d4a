using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// The kernels that compute the three linear maps of one convolution, chosen by shape (issue #4; docs/design.md,
/// "Convolution"):
/// <list type="bullet">
/// <item><see cref="ImplicitGemmConvolution"/> when a group's weights are small (at most
/// <see cref="ImplicitWeightBytes"/>): the product is then too thin for im2col and packing to pay for themselves —
/// each copies as many elements as the product has multiply-adds per output channel — and the image and weights
/// stay in cache while the offset tables walk them.</item>
/// <item><see cref="GemmConvolution"/> (im2col + the blocked GEMM, one image at a time) otherwise, where the GEMM's
/// cache blocking is worth the copies.</item>
/// </list>
/// The adjoint (input gradient, transposed convolution) runs on the implicit kernels as the forward pass of the
/// flipped convolution — the output gradient padded by dilation·(k − 1) − padding and correlated with the weights
/// turned around and their channel roles swapped — which exists for stride 1; strided adjoints run col2im.
/// </summary>
internal sealed class ConvAlgorithm
{
    /// <summary>Which kernels run a convolution: chosen by shape, or forced (tests compare them on the same shapes).</summary>
    internal enum Choice
    {
        ByShape,
        Gemm,

        /// <summary>The implicit kernels, the forward tiled by output rows where that is possible (else by positions).</summary>
        ImplicitByWidth,

        /// <summary>The implicit kernels, the forward tiled by positions.</summary>
        ImplicitByPosition,
    }

    [ThreadStatic] private static Choice forced;

    /// <summary>Makes convolutions set up on this thread until the scope ends use <paramref name="kernels"/>; for tests.</summary>
    internal static Scope Force(Choice kernels)
    {
        var scope = new Scope(forced);
        forced = kernels;
        return scope;
    }

    internal readonly struct Scope(Choice previous) : IDisposable
    {
        public void Dispose() => forced = previous;
    }

    /// <summary>
    /// The largest group weight, in bytes, for the implicit kernels: 128 KB, so the transposed weights and the tile's
    /// stream of them stay in L2. Chosen by measurement on a Zen 4 core (docs/performance.md, "Convolution").
    /// </summary>
    private const long ImplicitWeightBytes = 128 * 1024;

    private readonly ConvGeometry geometry;
    private readonly int groups;
    private readonly int outChannels;
    private readonly int elementSize;
    private readonly int lanes;
    private readonly bool implicitGemm;
    private readonly Choice kernels;
    private GemmConvPlan? gemm;
    private ImplicitConvPlan? forward;
    private (ImplicitConvPlan Plan, bool Possible)? flipped;

    public ConvAlgorithm(ConvGeometry geometry, int groups, int outChannels, int elementSize, int lanes)
    {
        this.geometry = geometry;
        this.groups = groups;
        this.outChannels = outChannels;
        this.elementSize = elementSize;
        this.lanes = lanes;
        long weightBytes = (long)outChannels / groups * (geometry.Channels / groups) * geometry.KernelVolume * elementSize;
        kernels = forced;
        implicitGemm = kernels == Choice.ByShape ? weightBytes <= ImplicitWeightBytes : kernels != Choice.Gemm;
    }

    /// <summary>Whether the implicit kernels run this convolution (for tests and measurements).</summary>
    public bool UsesImplicitGemm => implicitGemm;

    private GemmConvPlan Gemm => gemm ??= new GemmConvPlan(geometry, groups, outChannels, elementSize);

    private ImplicitConvPlan Implicit => forward ??= new ImplicitConvPlan(geometry, groups, outChannels, lanes, Orientation);

    /// <summary>The forced orientation of the implicit forward tile, or null to choose by shape.</summary>
    private bool? Orientation => kernels switch
    {
        Choice.ImplicitByWidth => true,
        Choice.ImplicitByPosition => false,
        _ => null,
    };

    public void Forward<T>(T[] x, int xOffset, T[] w, int wOffset, T[]? bias, int biasOffset, T[] y, int yOffset) where T : unmanaged, INumber<T>
    {
        if (implicitGemm) ImplicitGemmConvolution.Forward(Implicit, x, xOffset, w, wOffset, bias, biasOffset, y, yOffset);
        else GemmConvolution.Forward(Gemm, x, xOffset, w, wOffset, bias, biasOffset, y, yOffset);
    }

    public void Adjoint<T>(T[] y, int yOffset, T[] w, int wOffset, T[]? bias, int biasOffset, T[] x, int xOffset) where T : unmanaged, INumber<T>
    {
        var (plan, possible) = flipped ??= Flipped();
        if (implicitGemm && possible)
            ImplicitGemmConvolution.Forward(plan, y, yOffset, FlipWeights(w, wOffset), 0, bias, biasOffset, x, xOffset);
        else GemmConvolution.Adjoint(Gemm, y, yOffset, w, wOffset, bias, biasOffset, x, xOffset);
    }

    public void WeightGradient<T>(T[] x, int xOffset, T[] y, int yOffset, T[] gradient, int gradientOffset) where T : unmanaged, INumber<T>
    {
        if (implicitGemm) ImplicitGemmConvolution.WeightGradient(Implicit, x, xOffset, y, yOffset, gradient, gradientOffset);
        else GemmConvolution.WeightGradient(Gemm, x, xOffset, y, yOffset, gradient, gradientOffset);
    }

    /// <summary>
    /// The convolution whose forward pass is this one's adjoint, at stride 1: from the output [O, output...] to the
    /// input [C, input...], padded before by dilation·(k − 1) − padding (impossible where that is negative).
    /// </summary>
    private (ImplicitConvPlan, bool) Flipped()
    {
        var g = geometry;
        var before = new int[ConvGeometry.Dims];
        for (int d = 0; d < ConvGeometry.Dims; d++) before[d] = g.Dilation[d] * (g.Kernel[d] - 1) - g.PadBefore[d];
        bool possible = g.Stride.All(s => s == 1) && before.All(p => p >= 0);
        if (!possible) return (null!, false);
        var reversed = new ConvGeometry(g.Batch, outChannels, g.Output, g.Kernel, g.Stride, before, g.Dilation, g.Input);
        return (new ImplicitConvPlan(reversed, groups, g.Channels, lanes, Orientation), true);
    }

    /// <summary>W [O, C/G, K] as the flipped convolution's weight [C, O/G, K]: taps reversed, channel roles swapped within each group.</summary>
    private T[] FlipWeights<T>(T[] w, int wOffset) where T : unmanaged
    {
        int og = outChannels / groups, cg = geometry.Channels / groups, k = geometry.KernelVolume;
        var flippedWeights = new T[geometry.Channels * og * k];
        for (int group = 0; group < groups; group++)
            for (int o = 0; o < og; o++)
                for (int c = 0; c < cg; c++)
                    for (int tap = 0; tap < k; tap++)
                        flippedWeights[((group * cg + c) * og + o) * k + k - 1 - tap] = w[wOffset + ((group * og + o) * cg + c) * k + tap];
        return flippedWeights;
    }
}
