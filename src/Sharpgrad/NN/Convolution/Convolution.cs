using Sharpgrad.Kernels;

namespace Sharpgrad.NN;

/// <summary>
/// Convolution and transposed convolution in 1, 2 or 3 spatial dims: the arguments checked and resolved into a
/// <see cref="ConvGeometry"/>, then one recorded op of <see cref="ConvMaps"/>, computed on the operands' device (on the
/// CPU: im2col + GEMM per image, or an implicit GEMM for small channel counts, chosen by shape; the backward is made of
/// the same maps). A convolution is a multiplication by a sparse matrix with tied weights (GBC §9.1); im2col makes that
/// product dense, one image's receptive fields becoming the columns of a matrix that the weights multiply.
/// </summary>
/// <remarks>
/// The transposed convolution is defined as the adjoint of the convolution with the same weight, stride, padding,
/// dilation and groups (GBC §9.5: "the transpose of the matrix defined by convolution"): its forward pass is the
/// convolution's input gradient, so ⟨conv(x), y⟩ = ⟨x, convT(y)⟩.
/// </remarks>
internal static class Convolution
{
    /// <summary>Cross-correlation y[n, o] = b[o] + Σ_c Σ_k w[o, c, k]·x[n, c, s·p + d·k − P] over the group of o (GBC eq. 9.6).</summary>
    public static Tensor Forward(string op, int dims, Tensor input, Tensor weight, Tensor? bias,
        SpatialSize? stride, ConvPadding? padding, SpatialSize? dilation, int groups, PaddingMode mode)
    {
        if (Autocast.Applies(input, weight, bias))
            return Forward(op, dims, Autocast.Cast(input)!, Autocast.Cast(weight)!, Autocast.Cast(bias), stride, padding, dilation, groups, mode);
        if (HalfPrecision.Applies(input, weight, bias))
            return HalfPrecision.Compute(input, weight, bias, (x, w, b) => Forward(op, dims, x, w, b, stride, padding, dilation, groups, mode));
        CheckWeight(op, dims, weight, "out, in/groups");
        var spec = ConvSpec.Create(op, weight.Shape[2..], stride, padding, dilation, groups);
        var x = Batched(op, dims, input);
        int n = x.Size(0), channels = x.Size(1), outChannels = weight.Size(0);
        CheckChannels(op, x, weight, groups, perGroupIn: weight.Size(1), divisible: outChannels, divisibleName: "out channels");
        CheckBiasAndDTypes(op, input, weight, bias, outChannels);

        var outSize = spec.OutputSize(x.Shape[2..], input.Shape);
        if (mode != PaddingMode.Zeros && (spec.PadBefore.Any(p => p > 0) || spec.PadAfter.Any(p => p > 0)))
        {
            // Reflect/replicate/circular padding is a real op on the input; the convolution then pads nothing.
            x = Functional.Pad(x, PadList(spec), mode);
            spec = spec with { PadBefore = new int[dims], PadAfter = new int[dims] };
        }
        var device = DeviceOf(op, x, weight, bias);
        if (WholeWindowConvolution.TryForward(x, weight, bias, spec, groups, dims) is { } dense) return Unbatched(input, dims, dense);
        var geometry = spec.Geometry(n, channels, x.Shape[2..], outSize);
        var maps = new ConvMaps(geometry, groups, outChannels, dims, input.DType, device);
        return Unbatched(input, dims, maps.Convolve(x, weight, bias));
    }

    /// <summary>
    /// The adjoint of <see cref="Forward"/> for weight [in, out/groups, k...]: each input pixel stamps the kernel,
    /// scaled by its value, onto the output at stride spacing. Output size (W − 1)·S − 2P + D·(F − 1) + output padding + 1.
    /// </summary>
    public static Tensor Transposed(string op, int dims, Tensor input, Tensor weight, Tensor? bias,
        SpatialSize? stride, SpatialSize? padding, SpatialSize? outputPadding, int groups, SpatialSize? dilation)
    {
        if (Autocast.Applies(input, weight, bias))
            return Transposed(op, dims, Autocast.Cast(input)!, Autocast.Cast(weight)!, Autocast.Cast(bias), stride, padding, outputPadding, groups, dilation);
        if (HalfPrecision.Applies(input, weight, bias))
            return HalfPrecision.Compute(input, weight, bias, (x, w, b) => Transposed(op, dims, x, w, b, stride, padding, outputPadding, groups, dilation));
        CheckWeight(op, dims, weight, "in, out/groups");
        var kernel = weight.Shape[2..];
        var pad = (padding ?? 0).For(dims, op, "padding", minimum: 0);
        var spec = ConvSpec.Create(op, kernel, stride, pad, dilation, groups);
        var extra = (outputPadding ?? 0).For(dims, op, "output padding", minimum: 0);
        for (int d = 0; d < dims; d++)
            if (extra[d] >= spec.Stride[d] && extra[d] >= spec.Dilation[d])
                throw new ArgumentException(
                    $"{op}: output padding {SpatialSize.Text(extra)} must be smaller than either the stride {SpatialSize.Text(spec.Stride)} or the dilation {SpatialSize.Text(spec.Dilation)} in every dim.");

        var x = Batched(op, dims, input);
        int n = x.Size(0), inChannels = x.Size(1), outChannels = weight.Size(1) * groups;
        if (inChannels != weight.Size(0))
            throw new ArgumentException(
                $"{op}: input shape {input.ShapeText} has {inChannels} channels, but the weight {weight.ShapeText} expects {weight.Size(0)} (weight layout [in, out/groups, {ConvSpec.KernelNames(dims)}]).");
        if (inChannels % groups != 0)
            throw new ArgumentException($"{op}: in channels {inChannels} (weight shape {weight.ShapeText}) is not divisible by groups {groups}.");
        CheckBiasAndDTypes(op, input, weight, bias, outChannels);

        var spatial = x.Shape[2..];
        var outSize = new int[dims];
        for (int d = 0; d < dims; d++)
            outSize[d] = (spatial[d] - 1) * spec.Stride[d] - 2 * pad[d] + spec.Dilation[d] * (kernel[d] - 1) + extra[d] + 1;
        if (outSize.Any(o => o <= 0))
            throw new ArgumentException(
                $"{op}: input shape {input.ShapeText} with kernel {ConvSpec.Cross(kernel)}, stride {SpatialSize.Text(spec.Stride)} and padding {SpatialSize.Text(pad)} gives a non-positive output size {ConvSpec.Cross(outSize)}.");

        // The convolution whose adjoint this is maps outSize back to spatial: its geometry, read the other way round.
        var device = DeviceOf(op, x, weight, bias);
        if (WholeWindowConvolution.TryTransposed(x, weight, bias, spec, groups, dims, extra) is { } dense) return Unbatched(input, dims, dense);
        var geometry = spec.Geometry(n, outChannels, outSize, spatial);
        var maps = new ConvMaps(geometry, groups, inChannels, dims, input.DType, device);
        return Unbatched(input, dims, maps.Adjoint(x, weight, bias));
    }

    /// <summary>The device all operands share (an error naming the op if they do not).</summary>
    private static Device DeviceOf(string op, Tensor x, Tensor weight, Tensor? bias)
        => bias is null ? Device.Of(op, x, weight) : Device.Of(op, x, weight, bias);

    /// <summary>Pads in PyTorch's order for <see cref="Functional.Pad(Tensor, int[], PaddingMode)"/>: last dim first, before then after.</summary>
    private static int[] PadList(ConvSpec spec) =>
        Enumerable.Range(0, spec.Dims).Reverse().SelectMany(d => new[] { spec.PadBefore[d], spec.PadAfter[d] }).ToArray();

    private static void CheckWeight(string op, int dims, Tensor weight, string layout)
    {
        if (weight.Rank != dims + 2)
            throw new ArgumentException(
                $"{op}: weight must be {dims + 2}-D [{layout}, {ConvSpec.KernelNames(dims)}], got shape {weight.ShapeText}.");
        if (weight.Count == 0)
            throw new ArgumentException($"{op}: weight of shape {weight.ShapeText} is empty.");
    }

    private static void CheckChannels(string op, Tensor x, Tensor weight, int groups, int perGroupIn, int divisible, string divisibleName)
    {
        if (divisible % groups != 0)
            throw new ArgumentException($"{op}: {divisibleName} {divisible} (weight shape {weight.ShapeText}) is not divisible by groups {groups}.");
        if (x.Size(1) != perGroupIn * groups)
            throw new ArgumentException(
                $"{op}: input shape {x.ShapeText} has {x.Size(1)} channels, but the weight {weight.ShapeText} with groups {groups} expects {perGroupIn * groups}.");
    }

    internal static void CheckBiasAndDTypes(string op, Tensor input, Tensor weight, Tensor? bias, int outChannels)
    {
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: input must be float32 or float64, got {input.DType.Name()}.");
        if (input.DType != weight.DType)
            throw new ArgumentException(
                $"{op}: input dtype {input.DType.Name()} does not match weight dtype {weight.DType.Name()}; convert one with To().");
        if (bias is null) return;
        if (bias.Rank != 1 || bias.Size(0) != outChannels)
            throw new ArgumentException($"{op}: bias must have shape [{outChannels}], got {bias.ShapeText}.");
        if (bias.DType != weight.DType)
            throw new ArgumentException($"{op}: bias dtype {bias.DType.Name()} does not match weight dtype {weight.DType.Name()}.");
    }

    /// <summary>
    /// The input with a batch dim: [N, C, spatial...] as is, [C, spatial...] (one unbatched image, as PyTorch
    /// allows) as a batch of one.
    /// </summary>
    internal static Tensor Batched(string op, int dims, Tensor input)
    {
        if (input.Rank == dims + 2) return input;
        if (input.Rank == dims + 1) return input.Unsqueeze(0);
        throw new ArgumentException(
            $"{op}: expected a {dims + 2}-D input [N, C, {ConvSpec.SpatialNames(dims)}] (or {dims + 1}-D without the batch dim), got shape {input.ShapeText}.");
    }

    /// <summary>Removes the batch dim that <see cref="Batched"/> added to an unbatched input.</summary>
    internal static Tensor Unbatched(Tensor input, int dims, Tensor output) => input.Rank == dims + 1 ? output.Squeeze(0) : output;
}
