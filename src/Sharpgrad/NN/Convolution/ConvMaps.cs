using Sharpgrad.Backends;
using Sharpgrad.Kernels;

namespace Sharpgrad.NN;

/// <summary>
/// The linear maps of one convolution geometry as recorded tensor ops, each one autograd node computed by one backend
/// primitive (<c>Backends/Backend.Convolution.cs</c>; the CPU backend picks its kernels by shape):
/// <see cref="Convolve"/> (y = W ⋆ x + b), its adjoint in x <see cref="Adjoint"/> (a transposed convolution) and
/// <see cref="WeightGradient"/>. The three are bilinear, and the derivatives of each are the others (GBC §9.5 gives
/// the first two rows):
/// <code>
///   Convolve(x, W)          ∂x = Adjoint(g, W)     ∂W = WeightGradient(x, g)
///   Adjoint(y, W)           ∂y = Convolve(g, W)    ∂W = WeightGradient(g, y)
///   WeightGradient(x, y)    ∂x = Adjoint(y, g)     ∂y = Convolve(x, g)
/// </code>
/// so each backward computes only the gradients its inputs need, with the same primitives, and when the backward is
/// itself recorded (createGraph) its ops are these same maps: gradients of any order, with no slower composite
/// formulation to fall back to. A bias's gradient is <see cref="BiasGradient"/>, the sum over images and positions.
/// </summary>
/// <remarks>
/// Shapes: x [N, C, input...], y [N, O, output...], W [O, C/G, kernel...], with 1 to 3 spatial dims; the geometry
/// lifts them to three (<see cref="ConvGeometry"/>). Operands may be strided views: each op reads a contiguous copy
/// where it needs one.
/// </remarks>
internal sealed class ConvMaps
{
    private readonly ConvolutionPlan plan;
    private readonly Device device;
    private readonly DType dtype;
    private readonly int[] inputShape;
    private readonly int[] outputShape;
    private readonly int[] weightShape;

    /// <summary>The maps of <paramref name="geometry"/> on <paramref name="device"/>, whose backend plans them once for all three.</summary>
    public ConvMaps(ConvGeometry geometry, int groups, int outChannels, int dims, DType dtype, Device device)
    {
        this.dtype = dtype;
        this.device = device;
        plan = device.Backend.PlanConvolution(geometry, groups, outChannels, dtype);
        int lift = ConvGeometry.Dims - dims;
        inputShape = [geometry.Batch, geometry.Channels, .. geometry.Input[lift..]];
        outputShape = [geometry.Batch, outChannels, .. geometry.Output[lift..]];
        weightShape = [outChannels, geometry.Channels / groups, .. geometry.Kernel[lift..]];
    }

    /// <summary>y = W ⋆ x + b: x [N, C, input...] to [N, O, output...]; bias [O].</summary>
    public Tensor Convolve(Tensor x, Tensor w, Tensor? bias) => Convolve(x, w, bias, inference: !Autograd.IsGradEnabled);

    /// <param name="inference">a hint to the backend that w will be read again unchanged (it may keep w packed): true
    /// only for a forward call with gradients off — never inside a backward pass, where grad mode is off too but the
    /// weights change every step</param>
    private Tensor Convolve(Tensor x, Tensor w, Tensor? bias, bool inference)
    {
        // Every backend's convolution primitives overwrite their whole output, so it needs no zeroing (4.6% of a
        // ResNet-20 step went to clearing these; docs/performance.md, "ResNet-20 training step: block transposes,
        // uninitialised outputs, batch norm per channel (branch cnnstep)"). ConvUninitialisedOutputTests guards it.
        var y = Tensor.Uninitialized(dtype, outputShape, device);
        y.Backend.ConvForward(plan, y, Dense(x), Dense(w), Dense(bias), inference);
        return y.Record("Convolution", Inputs(x, w, bias), g => Gradients(bias,
            x.RequiresGrad ? Adjoint(g, w, null) : null,
            w.RequiresGrad ? WeightGradient(x, g) : null,
            bias?.RequiresGrad == true ? BiasGradient(g) : null));
    }

    /// <summary>x = Wᵀ ⋆ y + b, the adjoint of <see cref="Convolve"/> in x: y [N, O, output...] to [N, C, input...]; bias [C].</summary>
    public Tensor Adjoint(Tensor y, Tensor w, Tensor? bias)
    {
        var x = Tensor.Uninitialized(dtype, inputShape, device);
        x.Backend.ConvAdjoint(plan, x, Dense(y), Dense(w), Dense(bias));
        return x.Record("ConvolutionAdjoint", Inputs(y, w, bias), g => Gradients(bias,
            y.RequiresGrad ? Convolve(g, w, null, inference: false) : null,
            w.RequiresGrad ? WeightGradient(g, y) : null,
            bias?.RequiresGrad == true ? BiasGradient(g) : null));
    }

    /// <summary>∇W = Σₙ y[n]·cols(x[n])ᵀ, the weight gradient of both maps, for x [N, C, input...] and y [N, O, output...].</summary>
    public Tensor WeightGradient(Tensor x, Tensor y)
    {
        var gradient = Tensor.Uninitialized(dtype, weightShape, device);
        gradient.Backend.ConvWeightGradient(plan, gradient, Dense(x), Dense(y));
        return gradient.Record("ConvolutionWeightGradient", [x, y], g =>
        [
            x.RequiresGrad ? Adjoint(y, g, null) : null,
            y.RequiresGrad ? Convolve(x, g, null) : null,
        ]);
    }

    /// <summary>Σ over images and positions of t [N, channels, spatial...]: [channels], the gradient of a bias added per channel.</summary>
    public Tensor BiasGradient(Tensor t)
    {
        int[] shape = t.Shape;
        var sums = Tensor.Empty(dtype, [shape[1]], device);
        sums.Backend.ChannelSums(sums, Dense(t));
        var broadcast = shape.Select((s, d) => d == 1 ? s : 1).ToArray();
        return sums.Record("ConvolutionBiasGradient", [t], g => [g.Reshape(broadcast).Expand(shape)]);
    }

    /// <summary>The values of <paramref name="t"/>, contiguous, cut from the graph: what the primitives read.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(t))]
    private static Tensor? Dense(Tensor? t) => t?.Detach().Contiguous();

    private static Tensor[] Inputs(Tensor data, Tensor w, Tensor? bias) => bias is null ? [data, w] : [data, w, bias];

    private static Tensor?[] Gradients(Tensor? bias, Tensor? data, Tensor? w, Tensor? b) => bias is null ? [data, w] : [data, w, b];
}
