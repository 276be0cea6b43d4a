namespace Sharpgrad.NN;

public static partial class Functional
{
    // ---------------------------------------------------------------- convolution (GBC §9.1–9.5)

    /// <summary>
    /// 1-D cross-correlation (GBC §9.1: what deep-learning libraries call convolution) of an input [N, C, L] — or
    /// [C, L] — with a weight [out, in/groups, k]; see <see cref="Conv2d"/> for the arguments.
    /// </summary>
    public static Tensor Conv1d(Tensor input, Tensor weight, Tensor? bias = null, SpatialSize? stride = null,
        ConvPadding? padding = null, SpatialSize? dilation = null, int groups = 1, PaddingMode paddingMode = PaddingMode.Zeros)
        => Convolution.Forward("Conv1d", 1, input, weight, bias, stride, padding, dilation, groups, paddingMode);

    /// <summary>
    /// 2-D cross-correlation of images [N, C, H, W] (or one image [C, H, W]) with a weight [out, in/groups, kH, kW]
    /// (GBC eq. 9.6): y[n, o, i, j] = b[o] + Σ_c Σ_m Σ_n w[o, c, m, n]·x[n, c, i·s + m·d − p, j·s + n·d − p].
    /// </summary>
    /// <param name="stride">step between output positions (GBC §9.5, "downsampling"); default 1</param>
    /// <param name="padding">a number per side, or "valid", "same" or "full" (<see cref="ConvPadding"/>); default 0</param>
    /// <param name="dilation">spacing between kernel taps (à trous); default 1</param>
    /// <param name="groups">input and output channels split into this many independent groups; groups = C is a
    /// depthwise convolution, one filter per channel</param>
    /// <param name="paddingMode">what the padding holds: zeros, or the input reflected, replicated or wrapped</param>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, SpatialSize? stride = null,
        ConvPadding? padding = null, SpatialSize? dilation = null, int groups = 1, PaddingMode paddingMode = PaddingMode.Zeros)
        => Convolution.Forward("Conv2d", 2, input, weight, bias, stride, padding, dilation, groups, paddingMode);

    /// <summary>3-D cross-correlation of volumes [N, C, D, H, W] with a weight [out, in/groups, kD, kH, kW]; see <see cref="Conv2d"/>.</summary>
    public static Tensor Conv3d(Tensor input, Tensor weight, Tensor? bias = null, SpatialSize? stride = null,
        ConvPadding? padding = null, SpatialSize? dilation = null, int groups = 1, PaddingMode paddingMode = PaddingMode.Zeros)
        => Convolution.Forward("Conv3d", 3, input, weight, bias, stride, padding, dilation, groups, paddingMode);

    /// <summary>1-D transposed convolution of [N, C_in, L] with a weight [in, out/groups, k]; see <see cref="ConvTranspose2d"/>.</summary>
    public static Tensor ConvTranspose1d(Tensor input, Tensor weight, Tensor? bias = null, SpatialSize? stride = null,
        SpatialSize? padding = null, SpatialSize? outputPadding = null, int groups = 1, SpatialSize? dilation = null)
        => Convolution.Transposed("ConvTranspose1d", 1, input, weight, bias, stride, padding, outputPadding, groups, dilation);

    /// <summary>
    /// 2-D transposed convolution (GBC §9.5; sometimes called deconvolution): the adjoint of <see cref="Conv2d"/> with
    /// the same weight [in, out/groups, kH, kW] read as [conv out, conv in/groups, ...], so it maps a convolution's
    /// output shape back to its input shape and ⟨conv(x), y⟩ = ⟨x, convT(y)⟩. Output size
    /// (W − 1)·S − 2P + D·(F − 1) + outputPadding + 1; <paramref name="outputPadding"/> (less than the stride or
    /// the dilation) picks among the input sizes that a strided convolution maps to the same output size.
    /// </summary>
    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias = null, SpatialSize? stride = null,
        SpatialSize? padding = null, SpatialSize? outputPadding = null, int groups = 1, SpatialSize? dilation = null)
        => Convolution.Transposed("ConvTranspose2d", 2, input, weight, bias, stride, padding, outputPadding, groups, dilation);

    /// <summary>3-D transposed convolution of [N, C_in, D, H, W] with a weight [in, out/groups, kD, kH, kW]; see <see cref="ConvTranspose2d"/>.</summary>
    public static Tensor ConvTranspose3d(Tensor input, Tensor weight, Tensor? bias = null, SpatialSize? stride = null,
        SpatialSize? padding = null, SpatialSize? outputPadding = null, int groups = 1, SpatialSize? dilation = null)
        => Convolution.Transposed("ConvTranspose3d", 3, input, weight, bias, stride, padding, outputPadding, groups, dilation);

    /// <summary>
    /// The sliding local blocks of images [N, C, H, W] as columns: [N, C·kH·kW, L] with L the number of block
    /// positions (torch.nn.functional.unfold, "im2col"). A convolution is <c>weight.View(O, -1).MatMul(Unfold(x))</c>.
    /// </summary>
    public static Tensor Unfold(Tensor input, SpatialSize kernelSize, SpatialSize? dilation = null, SpatialSize? padding = null, SpatialSize? stride = null)
    {
        if (input.Rank != 4)
            throw new ArgumentException($"Unfold: expected a 4-D input [N, C, H, W], got shape {input.ShapeText}.");
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"Unfold: input must be float32 or float64, got {input.DType.Name()}.");
        var (spec, geometry) = BlockGeometry("Unfold", input.Shape, kernelSize, dilation, padding, stride);
        var columns = Columns.FromImage(input, geometry);                                       // [C·K, N·L]
        return columns.View(input.Size(1) * spec.KernelVolume, input.Size(0), geometry.OutputVolume).Permute(1, 0, 2).Contiguous();
    }

    /// <summary>
    /// The adjoint of <see cref="Unfold"/> (torch.nn.functional.fold, "col2im"): sums blocks [N, C·kH·kW, L] into
    /// images [N, C, outputSize], adding where blocks overlap.
    /// </summary>
    public static Tensor Fold(Tensor input, SpatialSize outputSize, SpatialSize kernelSize, SpatialSize? dilation = null,
        SpatialSize? padding = null, SpatialSize? stride = null)
    {
        if (input.Rank != 3)
            throw new ArgumentException($"Fold: expected a 3-D input [N, C·kH·kW, L], got shape {input.ShapeText}.");
        var kernel = kernelSize.For(2, "Fold", "kernel size", minimum: 1);
        int k = kernel[0] * kernel[1];
        if (input.Size(1) % k != 0)
            throw new ArgumentException($"Fold: dim 1 of the input (shape {input.ShapeText}) must be divisible by the kernel's {k} taps.");
        int n = input.Size(0), channels = input.Size(1) / k;
        var size = outputSize.For(2, "Fold", "output size", minimum: 1);
        var (_, geometry) = BlockGeometry("Fold", [n, channels, .. size], kernelSize, dilation, padding, stride);
        if (input.Size(2) != geometry.OutputVolume)
            throw new ArgumentException(
                $"Fold: input shape {input.ShapeText} has {input.Size(2)} blocks, but an output of size {ConvSpec.Cross(size)} holds {geometry.OutputVolume}.");
        var columns = input.Permute(1, 0, 2).Reshape(channels * k, n * geometry.OutputVolume);
        return Columns.ToImage(columns, geometry, [n, channels, .. size]);
    }

    private static (ConvSpec Spec, Kernels.ConvGeometry Geometry) BlockGeometry(string op, int[] imageShape, SpatialSize kernelSize,
        SpatialSize? dilation, SpatialSize? padding, SpatialSize? stride)
    {
        var kernel = kernelSize.For(2, op, "kernel size", minimum: 1);
        var pad = (padding ?? 0).For(2, op, "padding", minimum: 0);
        var spec = ConvSpec.Create(op, kernel, stride, pad, dilation, groups: 1);
        var spatial = imageShape[2..];
        return (spec, spec.Geometry(imageShape[0], imageShape[1], spatial, spec.OutputSize(spatial, imageShape)));
    }
}
