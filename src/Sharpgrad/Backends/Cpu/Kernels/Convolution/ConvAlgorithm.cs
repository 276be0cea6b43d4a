using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// The kernels that compute each of the three linear maps of one convolution, chosen by shape (issue #4;
/// docs/design.md, "Convolutional networks"):
/// <list type="bullet">
/// <item><see cref="ImplicitGemmConvolution"/> when a group has few output channels (at most
/// <see cref="ImplicitChannels"/>; for the adjoint, input channels) or its weights fit in L2 (at most
/// <see cref="ImplicitWeightBytes"/>, if the batch splits into at least <see cref="ImplicitMinimumChunks"/> chunks for the
/// threads), and the implicit tiles are mostly full (at least <see cref="MinimumFill"/> of
/// their lanes useful). im2col and packing copy each column entry about once per
/// output channel's worth of multiply-adds, so a thin product spends as long copying as multiplying; the implicit
/// kernels read the image in place.</item>
/// <item><see cref="WinogradConvolution"/> (F(2×2, 3×3)) for a 2-D 3×3 stride-1 map of one group that the implicit
/// kernels' rule leaves, on AVX-512, with at least <see cref="WinogradMinimumChannels"/> channels each way and
/// <see cref="WinogradMinimumTiles"/> tiles: 2.25× fewer multiply-adds (VGG-11's layers, ResNet-18's 3×3 layers
/// at batch 1). Its weight gradient needs <see cref="WinogradGradientMinimumChannels"/> channels each way.</item>
/// <item><see cref="DirectConvolution"/> for a stride-1 map that the implicit kernels' rule and F(2×2, 3×3) leave, on
/// AVX-512, with more than <see cref="ImplicitChannels"/> output channels, at least <see cref="DirectMinimumTaps"/>
/// taps and a fill of at least <see cref="DirectMinimumFill"/>: the image read in place in whole vectors, as deep
/// maps at batch 1 need (kernels other than 3×3; the ninth session built it for ResNet-18's 3×3 layers, which F(2×2,
/// 3×3) now runs faster).</item>
/// <item><see cref="GemmConvolution"/> (im2col + the blocked GEMM, one image at a time) otherwise: many output
/// channels amortise the copies, and a pointwise convolution has no im2col at all.</item>
/// </list>
/// The adjoint (input gradient, transposed convolution) runs on F(2×2, 3×3), the implicit or the direct kernels as the
/// forward pass of the flipped convolution — the output gradient padded by dilation·(k − 1) − padding and correlated
/// with the weights turned around and their channel roles swapped — which exists for stride 1; strided adjoints run
/// col2im.
/// </summary>
internal sealed class ConvAlgorithm
{
    /// <summary>Which kernels run a convolution: chosen by shape, or forced (tests compare them on the same shapes).</summary>
    internal enum Choice
    {
        ByShape,
        Gemm,

        /// <summary>im2col + GEMM, the forward's products with packed weights as y = W·cols (<see cref="GemmConvPlan.TransposedProduct"/>).</summary>
        GemmWeightsLeft,

        /// <summary>im2col + GEMM, the forward's products with packed weights as yᵀ = colsᵀ·Wᵀ (<see cref="GemmConvPlan.TransposedProduct"/>).</summary>
        GemmWeightsRight,

        /// <summary>The implicit kernels (adjoints where the flipped convolution exists), tiled along output rows where possible.</summary>
        ImplicitByWidth,

        /// <summary>The implicit kernels (adjoints where the flipped convolution exists), tiled by positions and taps.</summary>
        ImplicitByPosition,

        /// <summary>The direct kernels for the forward map and the adjoint where they exist (stride 1), else as by shape.</summary>
        Direct,

        /// <summary>F(2×2, 3×3) for the forward map and the adjoint where it exists (3×3, stride 1, one group), else as by shape.</summary>
        Winograd,
    }

    [ThreadStatic] private static Choice forced;

    /// <summary>The kernels that convolutions set up now on this thread will use (<see cref="Force"/>; by shape outside a scope).</summary>
    internal static Choice Forced => forced;

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
    /// The most output channels per group for the implicit kernels. Measured on a Zen 4 core (docs/performance.md,
    /// "Convolution"): they ran 1.5–2.8× faster than im2col + GEMM at 6 and 16 output channels; at 32 (3 → 32
    /// channels, 3×3 kernel) the forward passes were even and from 64 the GEMM, amortising its copies over more
    /// work, was as fast or faster in most passes.
    /// </summary>
    private const int ImplicitChannels = 16;

    /// <summary>
    /// Above <see cref="ImplicitChannels"/>, the implicit kernels still run a map whose weights for one group take at
    /// most this many bytes. Each implicit tile streams the group's whole weight, so it must stay in L2; then the
    /// kernels skip im2col and packing, which at 32–64 channels cost as much as the product. Measured on a Zen 3 core
    /// (AVX2, 512 KB L2; docs/performance.md, "Convolution at larger channel counts"): 1.2–2.9× faster than im2col +
    /// GEMM for ResNet-20's 32- and 64-channel layers (weights 37–147 KB) and the DCGAN's strided 32 → 64 (131 KB),
    /// about even on ResNet-18's 64 → 128 at stride 2 (295 KB), and 1.2–6× slower on VGG's 128- to 512-channel
    /// layers (295 KB to 9 MB).
    /// </summary>
    private const long ImplicitWeightBytes = 192 * 1024;

    /// <summary>
    /// The fewest <see cref="ImageChunks"/> for the implicit kernels under the <see cref="ImplicitWeightBytes"/> rule.
    /// The implicit kernels run one chunk per thread and nothing finer, while the GEMM path also splits each product
    /// between the threads; so a small batch of large layers (ResNet-18's 64 → 64 at 56×56, batch 1: one chunk) would
    /// run on one thread. The count depends on the problem alone, never on <see cref="Threads.Count"/>, so the choice
    /// (and with it every bit of the result) is the same at any thread count. Few-channel maps
    /// (<see cref="ImplicitChannels"/>) keep the implicit kernels at any batch: there the GEMM's copies dominate.
    /// </summary>
    private const int ImplicitMinimumChunks = 8;

    /// <summary>The least fraction of useful lanes for the implicit kernels (a 1-channel adjoint fills a sixth).</summary>
    private const double MinimumFill = 0.6;

    /// <summary>
    /// The least <see cref="DirectConvPlan.Fill"/> for the direct kernels by shape. Measured on a Zen 4 core at batch 1
    /// (docs/performance.md, "Ninth session"): ResNet-18's 3×3 layers at 56×56, 28×28 and 14×14 (fill 0.94, 0.90 and
    /// 0.87) ran faster than im2col + GEMM; at 7×7 (0.76) slower.
    /// </summary>
    private const double DirectMinimumFill = 0.8;

    /// <summary>
    /// The fewest taps per group, (C/G)·K, for the direct kernels by shape: a tile's loop over them must outweigh its
    /// stores and the copy of its outputs. VGG-11's first layer (3 channels, 27 taps) ran 1.24× slower on them than on
    /// im2col + GEMM at batch 32 (docs/performance.md, "Ninth session").
    /// </summary>
    private const int DirectMinimumTaps = 256;

    /// <summary>
    /// The fewest input and output channels for F(2×2, 3×3) by shape: the depth and rows of its 16 products, and the
    /// channels over which each transformed tile is reused. At 16 channels (ResNet-20's first stage, batch 128) it ran
    /// the forward map 1.08× and the weight gradient 6× slower than the implicit kernels (docs/performance.md, "Tenth
    /// session"); 32 is the least measured where it won (ResNet-20's 32-channel forward map, 1.1×).
    /// </summary>
    private const int WinogradMinimumChannels = 32;

    /// <summary>
    /// The fewest input and output channels for the weight gradient on F(2×2, 3×3) by shape. Its 16 products are
    /// [O, tiles]·[tiles, C], both operands packed from the transforms' output, so narrow ones spend as long packing
    /// and transforming as multiplying. Measured on a Zen 4 core (docs/performance.md, "Tenth session") against im2col
    /// + GEMM: VGG-11's 64 → 128 layer 1.08× slower, 128 → 256 1.4× faster.
    /// </summary>
    private const int WinogradGradientMinimumChannels = 128;

    /// <summary>
    /// The fewest 2×2 tiles (over the whole batch) for F(2×2, 3×3) by shape: each filter is transformed once per call,
    /// so the products must be long enough to repay it. ResNet-18's 512-channel 7×7 layer at batch 1 (16 tiles) ran
    /// 1.9× slower than on im2col + GEMM, its 256-channel 14×14 layer (49 tiles) 1.3× faster than on the direct kernels.
    /// </summary>
    private const int WinogradMinimumTiles = 32;

    private readonly ConvGeometry geometry;
    private readonly int groups;
    private readonly int outChannels;
    private readonly int elementSize;
    private readonly int lanes;
    private readonly Choice kernels;
    private readonly bool wide;
    private GemmConvPlan? gemm;
    private ImplicitConvPlan? forward;
    private FlippedPlan? flipped;
    private DirectPlans? direct;
    private WinogradPlans? winograd;

    /// <summary>
    /// The adjoint's plan once made, null inside where it does not exist: one reference, so a thread that sees it made
    /// also sees what was made (a plan is shared by every graph of its shapes on a thread, and a graph may be
    /// differentiated on another thread while this one runs on; at worst both build the same plan).
    /// </summary>
    private sealed record FlippedPlan(ImplicitConvPlan? Plan);

    /// <summary>The direct kernels' plans of the forward map and of the adjoint (the flipped convolution), null where they do not run.</summary>
    private sealed record DirectPlans(DirectConvPlan? Forward, DirectConvPlan? Adjoint);

    /// <summary>The F(2×2, 3×3) plans of the forward map and of the adjoint (the flipped convolution), null where they do not run.</summary>
    private sealed record WinogradPlans(WinogradConvPlan? Forward, WinogradConvPlan? Adjoint);

    public ConvAlgorithm(ConvGeometry geometry, int groups, int outChannels, int elementSize, int lanes)
    {
        this.geometry = geometry;
        this.groups = groups;
        this.outChannels = outChannels;
        this.elementSize = elementSize;
        this.lanes = lanes;
        kernels = forced;
        wide = ImplicitGemmKernel.Wide;
    }

    internal GemmConvPlan Gemm => gemm ??= new GemmConvPlan(geometry, groups, outChannels, elementSize, kernels switch
    {
        Choice.GemmWeightsLeft => false,
        Choice.GemmWeightsRight => true,
        _ => null,
    });

    /// <summary>The implicit kernels' plan of the forward map and the weight gradient.</summary>
    internal ImplicitConvPlan Implicit => forward ??= new ImplicitConvPlan(geometry, groups, outChannels, lanes, Orientation, wide);

    /// <summary>The adjoint's implicit plan, or null where the flipped convolution does not exist.</summary>
    private ImplicitConvPlan? Flipped
    {
        get => (flipped ??= new FlippedPlan(MakeFlipped())).Plan;
    }

    /// <summary>The direct kernels' plans where they run, made once (the SIMD path they run is fixed per process).</summary>
    private DirectPlans Direct => direct ??= new DirectPlans(
        ChooseDirect(outChannels / groups, () => DirectConvPlan.TryCreate(geometry, groups, outChannels, elementSize, SimdPaths.Selected),
            () => UseImplicit(outChannels / groups, () => Implicit.ForwardFill, () => Implicit.Chunks.Count)),
        ChooseDirect(geometry.Channels / groups,
            () => FlippedGeometry() is { } reversed ? DirectConvPlan.TryCreate(reversed, groups, geometry.Channels, elementSize, SimdPaths.Selected) : null,
            () => ImplicitRuleAdjoint));

    /// <summary>
    /// The direct plan of a map with <paramref name="channels"/> output channels per group where the direct kernels run
    /// it, else null: forced, wherever the plan exists; by shape, on AVX-512 (where they were measured), for a map
    /// that the implicit kernels' rule leaves to im2col + GEMM, with more than <see cref="ImplicitChannels"/> channels, a
    /// fill of at least <see cref="DirectMinimumFill"/> and at least <see cref="DirectMinimumTaps"/> taps.
    /// </summary>
    private DirectConvPlan? ChooseDirect(int channels, Func<DirectConvPlan?> plan, Func<bool> implicitRule) => kernels switch
    {
        Choice.Direct => plan(),
        Choice.ByShape or Choice.Winograd when channels > ImplicitChannels && SimdPaths.Selected == SimdPath.Vector512 && !implicitRule()
            => plan() is { } p && p.Fill >= DirectMinimumFill && p.GroupRows >= DirectMinimumTaps ? p : null,
        _ => null,
    };

    /// <summary>The F(2×2, 3×3) plans where that algorithm runs, made once.</summary>
    private WinogradPlans Winograd => winograd ??= new WinogradPlans(
        ChooseWinograd(WinogradConvPlan.TryCreate(geometry, groups, outChannels, elementSize),
            () => UseImplicit(outChannels / groups, () => Implicit.ForwardFill, () => Implicit.Chunks.Count)),
        ChooseWinograd(FlippedGeometry() is { } reversed ? WinogradConvPlan.TryCreate(reversed, groups, geometry.Channels, elementSize) : null,
            () => ImplicitRuleAdjoint));

    /// <summary>
    /// <paramref name="plan"/> where F(2×2, 3×3) runs it, else null: forced, wherever the plan exists; by shape, on
    /// AVX-512 (where it was measured), for maps that the implicit kernels' rule leaves to im2col + GEMM, with at
    /// least <see cref="WinogradMinimumChannels"/> input and output channels and at least
    /// <see cref="WinogradMinimumTiles"/> tiles.
    /// </summary>
    private WinogradConvPlan? ChooseWinograd(WinogradConvPlan? plan, Func<bool> implicitRule) => kernels switch
    {
        Choice.Winograd => plan,
        Choice.ByShape when SimdPaths.Selected == SimdPath.Vector512 && plan is not null
            && plan.Geometry.Channels >= WinogradMinimumChannels && plan.OutChannels >= WinogradMinimumChannels
            && (long)plan.Geometry.Batch * plan.Tiles >= WinogradMinimumTiles && !implicitRule() => plan,
        _ => null,
    };

    /// <summary>Whether <see cref="Forward"/> runs on F(2×2, 3×3).</summary>
    internal bool WinogradForward => Winograd.Forward is not null;

    /// <summary>Whether <see cref="Adjoint"/> runs on F(2×2, 3×3), as the flipped convolution's forward map.</summary>
    internal bool WinogradAdjoint => Winograd.Adjoint is not null;

    /// <summary>Whether <see cref="Forward"/> runs on the direct kernels.</summary>
    internal bool DirectForward => !WinogradForward && Direct.Forward is not null;

    /// <summary>Whether <see cref="Adjoint"/> runs on the direct kernels, as the flipped convolution's forward pass.</summary>
    internal bool DirectAdjoint => !WinogradAdjoint && Direct.Adjoint is not null;

    /// <summary>The forced orientation of the implicit tiles, or null to choose by shape.</summary>
    private bool? Orientation => kernels switch
    {
        Choice.ImplicitByWidth => true,
        Choice.ImplicitByPosition => false,
        _ => null,
    };

    /// <summary>
    /// Whether the implicit kernels run a map whose tiles have <paramref name="channels"/> rows of channels per group,
    /// the given fill, and the given number of parallel chunks.
    /// </summary>
    private bool UseImplicit(int channels, Func<double> fill, Func<int> chunks) => MayUseImplicit(channels)
        && (kernels is not (Choice.ByShape or Choice.Direct or Choice.Winograd) || (fill() >= MinimumFill && (channels <= ImplicitChannels || chunks() >= ImplicitMinimumChunks)));

    /// <summary>Whether <see cref="Forward"/> runs on the implicit kernels (else im2col + GEMM), where not on F(2×2, 3×3) or the direct kernels.</summary>
    internal bool ImplicitForward => !WinogradForward && !DirectForward && UseImplicit(outChannels / groups, () => Implicit.ForwardFill, () => Implicit.Chunks.Count);

    /// <summary>Whether <see cref="Adjoint"/> runs on the implicit kernels, as the flipped convolution's forward pass (else col2im).</summary>
    internal bool ImplicitAdjoint => !WinogradAdjoint && !DirectAdjoint && ImplicitRuleAdjoint;

    /// <summary>Whether the implicit kernels' rule takes the adjoint (where the direct kernels do not).</summary>
    private bool ImplicitRuleAdjoint => MayUseImplicit(geometry.Channels / groups) && Flipped is { } plan
        && UseImplicit(geometry.Channels / groups, () => plan.ForwardFill, () => plan.Chunks.Count);

    /// <summary>
    /// Whether <see cref="WeightGradient"/> runs on F(2×2, 3×3): forced, wherever the forward map does; by shape, where
    /// the forward map does and both channel counts are at least <see cref="WinogradGradientMinimumChannels"/>.
    /// </summary>
    internal bool WinogradWeightGradient => WinogradForward
        && (kernels == Choice.Winograd || Math.Min(geometry.Channels, outChannels) >= WinogradGradientMinimumChannels);

    /// <summary>Whether <see cref="WeightGradient"/> runs on the implicit kernels.</summary>
    internal bool ImplicitWeightGradient => !WinogradWeightGradient && UseImplicit(outChannels / groups, () => Implicit.GradientFill, () => Implicit.WeightGradientChunks.Count);

    /// <summary>Bytes of one group's weights, (C/G)·(O/G)·K elements: the same for the forward map and its flipped adjoint.</summary>
    private long GroupWeightBytes => (long)(geometry.Channels / groups) * (outChannels / groups) * geometry.KernelVolume * elementSize;

    /// <summary>The part of <see cref="UseImplicit"/> that needs no plan, so a plan is built only where it may be used.</summary>
    private bool MayUseImplicit(int channels) => kernels switch
    {
        Choice.ByShape or Choice.Direct or Choice.Winograd => !geometry.IsPointwise && (channels <= ImplicitChannels || GroupWeightBytes <= ImplicitWeightBytes),
        Choice.Gemm or Choice.GemmWeightsLeft or Choice.GemmWeightsRight => false,
        _ => true,
    };

    /// <summary>
    /// The forward map; <paramref name="packedWeights"/>, when given, is <paramref name="w"/> packed ahead by
    /// <see cref="PackWeights"/> (read only by im2col + GEMM, whose tiles would otherwise each pack W again);
    /// <paramref name="lender"/> lends the arrays of weights packed for this call alone.
    /// </summary>
    public void Forward<T>(T[] x, int xOffset, T[] w, int wOffset, T[]? bias, int biasOffset, T[] y, int yOffset,
        PackedConvWeights<T>? packedWeights = null, ArrayLender<T>? lender = null) where T : unmanaged, INumber<T>
    {
        if (WinogradForward)
            WinogradConvolution.Forward(Winograd.Forward!, x, xOffset, w, wOffset, bias, biasOffset, y, yOffset);
        else if (DirectForward)
            DirectConvolution.Forward(Direct.Forward!, x, xOffset, w, wOffset, bias, biasOffset, y, yOffset);
        else if (ImplicitForward)
            ImplicitGemmConvolution.Forward(Implicit, x, xOffset, w, wOffset, bias, biasOffset, y, yOffset);
        else GemmConvolution.Forward(Gemm, x, xOffset, w, wOffset, bias, biasOffset, y, yOffset, packedWeights, lender);
    }

    /// <summary>Whether <see cref="Forward"/> reads packed weights: it runs im2col + GEMM.</summary>
    internal bool ForwardTakesPackedWeights => !ImplicitForward && !DirectForward && !WinogradForward;

    /// <summary>W packed for <see cref="Forward"/>'s GEMM, to be passed to it while W's values stay as they were.</summary>
    public PackedConvWeights<T> PackWeights<T>(T[] w, int wOffset) where T : unmanaged, INumber<T> => new(Gemm, w, wOffset);

    /// <summary>Whether <paramref name="packed"/> holds the weights at <paramref name="wOffset"/> as <see cref="Forward"/> reads them.</summary>
    public bool Fits<T>(PackedConvWeights<T> packed, int wOffset) where T : unmanaged, INumber<T> => packed.Fits(Gemm, wOffset);

    public void Adjoint<T>(T[] y, int yOffset, T[] w, int wOffset, T[]? bias, int biasOffset, T[] x, int xOffset, ArrayLender<T>? lender = null)
        where T : unmanaged, INumber<T>
    {
        if (WinogradAdjoint)
            WinogradConvolution.Forward(Winograd.Adjoint!, y, yOffset, w, wOffset, bias, biasOffset, x, xOffset, flipped: true);
        else if (DirectAdjoint)
            DirectConvolution.Forward(Direct.Adjoint!, y, yOffset, FlipWeights(w, wOffset), 0, bias, biasOffset, x, xOffset);
        else if (ImplicitAdjoint)
            ImplicitGemmConvolution.Forward(Flipped!, y, yOffset, FlipWeights(w, wOffset), 0, bias, biasOffset, x, xOffset);
        else GemmConvolution.Adjoint(Gemm, y, yOffset, w, wOffset, bias, biasOffset, x, xOffset, lender);
    }

    public void WeightGradient<T>(T[] x, int xOffset, T[] y, int yOffset, T[] gradient, int gradientOffset) where T : unmanaged, INumber<T>
    {
        if (WinogradWeightGradient)
            WinogradConvolution.WeightGradient(Winograd.Forward!, x, xOffset, y, yOffset, gradient, gradientOffset);
        else if (ImplicitWeightGradient)
            ImplicitGemmConvolution.WeightGradient(Implicit, x, xOffset, y, yOffset, gradient, gradientOffset);
        else GemmConvolution.WeightGradient(Gemm, x, xOffset, y, yOffset, gradient, gradientOffset);
    }

    /// <summary>
    /// The convolution whose forward pass is this one's adjoint, at stride 1: from the output [O, output...] to the
    /// input [C, input...], padded before by dilation·(k − 1) − padding (impossible where that is negative).
    /// </summary>
    private ImplicitConvPlan? MakeFlipped()
        => FlippedGeometry() is { } reversed ? new ImplicitConvPlan(reversed, groups, geometry.Channels, lanes, Orientation, wide) : null;

    /// <summary>The flipped convolution's geometry (see <see cref="MakeFlipped"/>), or null where it does not exist.</summary>
    private ConvGeometry? FlippedGeometry()
    {
        var g = geometry;
        var before = new int[ConvGeometry.Dims];
        for (int d = 0; d < ConvGeometry.Dims; d++) before[d] = g.Dilation[d] * (g.Kernel[d] - 1) - g.PadBefore[d];
        if (g.Stride.Any(s => s != 1) || before.Any(p => p < 0)) return null;
        return new ConvGeometry(g.Batch, outChannels, g.Output, g.Kernel, g.Stride, before, g.Dilation, g.Input);
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
