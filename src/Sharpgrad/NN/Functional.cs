using Sharpgrad.Kernels;

namespace Sharpgrad.NN;

/// <summary>
/// The stateless functions behind the layers, like torch.nn.functional. Most are composed from differentiable
/// tensor ops, so autograd derives their backward pass; the modules in this namespace only hold hyper-parameters and
/// parameters and call these.
/// </summary>
/// <remarks>
/// The pointwise activations are single fused ops instead (issue #4): one pass forward, one pass backward
/// (Backends/Cpu/Kernels/ActivationOps.cs), with the composite formulation kept for the backward when it must itself be
/// differentiated (<see cref="PointwiseGrad"/>). A branch that could overflow where it is not picked (ELU's exp for
/// large x) is clamped into its own domain first, since 0·∞ would be NaN.
/// </remarks>
public static partial class Functional
{
    // ---------------------------------------------------------------- affine

    /// <summary>
    /// y = x·Wᵀ + b for <paramref name="weight"/> stored [out, in] as in PyTorch, over any number of leading
    /// dimensions of <paramref name="input"/> (GBC §6.1: the affine transformation of a hidden layer).
    /// </summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        if (Autocast.Applies(input, weight, bias)) return Linear(Autocast.Cast(input)!, Autocast.Cast(weight)!, Autocast.Cast(bias));
        if (HalfPrecision.Applies(input, weight, bias)) return HalfPrecision.Compute(input, weight, bias, Linear);
        if (weight.Rank != 2)
            throw new ArgumentException($"Linear: weight must be 2-D [out, in], got shape {weight.ShapeText}.");
        int outFeatures = weight.Size(0), inFeatures = weight.Size(1);
        if (input.Rank == 0 || input.Size(-1) != inFeatures)
            throw new ArgumentException(
                $"Linear({inFeatures} → {outFeatures}): expected input with last dim {inFeatures}, got shape {input.ShapeText}.");
        // The bias broadcasts over the output [.., out] as in PyTorch: [out], or one value as [1] or 0-d.
        if (bias is not null && (bias.Rank > 1 || bias.Rank == 1 && bias.Size(0) != outFeatures && bias.Size(0) != 1))
            throw new ArgumentException(
                $"Linear({inFeatures} → {outFeatures}): bias must have shape [{outFeatures}], got {bias.ShapeText} (a single value, [1] or 0-d, also broadcasts).");
        if (input.DType != weight.DType)
            throw new ArgumentException(
                $"Linear({inFeatures} → {outFeatures}): input dtype {input.DType.Name()} does not match weight dtype {weight.DType.Name()}; convert one with To().");
        // Leading dims fold into one GEMM [M, in]·[in, out], which is faster than a batched product and whose
        // weight gradient needs no sum over batches.
        var rows = input.Rank == 2 ? input : input.Reshape(-1, inFeatures);
        var y = input.DType.IsFloatingPoint() && (bias is null || bias.DType == input.DType)
            ? AffineRows(rows, weight, bias)
            : bias is null ? rows.MatMul(weight.T) : rows.MatMul(weight.T) + bias; // MatMul names the dtype problem
        return input.Rank == 2 ? y : y.Reshape([.. input.Shape[..^1], outFeatures]);
    }

    /// <summary>
    /// x·Wᵀ + b for x [M, in] as one op (PyTorch's addmm): the output starts as the bias broadcast over the rows and the
    /// GEMM accumulates onto it, so the bias costs no pass of its own, and the backward gives each gradient directly:
    /// ∂x = G·W, ∂W = Gᵀ·x (already [out, in], no transposed copy), ∂b = Σ_rows G (GBC §6.5.6). W and x are read in
    /// place whatever their strides. The backward is written with MatMul and Sum, so it is differentiable again.
    /// </summary>
    private static Tensor AffineRows(Tensor x, Tensor weight, Tensor? bias)
    {
        int m = x.Size(0), n = weight.Size(0);
        var y = Tensor.Empty(x.DType, [m, n], bias is null ? Device.Of("Linear", x, weight) : Device.Of("Linear", x, weight, bias));
        if (bias is not null) y.CopyFrom(bias);
        // Under NoGrad the backend may keep Wᵀ packed between calls (issue #21: its per-call packing was 22% of an MLP's forward).
        y.Backend.MatMulWeights(y, x, weight.TransposedMatrix(), accumulate: bias is not null, inference: !Autograd.IsGradEnabled);
        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        return y.Record("Linear", inputs, g =>
        {
            var gx = x.RequiresGrad ? g.MatMul(weight) : null;
            var gw = weight.RequiresGrad ? g.T.MatMul(x) : null;
            return bias is null ? [gx, gw] : [gx, gw, bias.RequiresGrad ? BiasGradient(g, bias) : null];
        });
    }

    /// <summary>Σ_rows G reduced to the bias's own shape: [out], or a single value for a broadcast [1] or 0-d bias.</summary>
    private static Tensor BiasGradient(Tensor g, Tensor bias)
        => bias.Rank == 1 && bias.Size(0) == g.Size(1) ? g.Sum(0) : g.Sum().Reshape(bias.Shape);

    // ---------------------------------------------------------------- activations (GBC §6.3)

    /// <summary>max(0, x); ReLU′(0) = 0 (GBC §6.3.1).</summary>
    public static Tensor Relu(Tensor input) => input.Relu();

    /// <summary>x for x &gt; 0, else αx (GBC §6.3.1: leaky ReLU, α = 0.01 by default). The derivative at 0 is α, as in PyTorch.</summary>
    public static Tensor LeakyRelu(Tensor input, double negativeSlope = 0.01)
    {
        var y = Elementwise.Float(input, "LeakyRelu", new LeakyReluOp<float>((float)negativeSlope), new LeakyReluOp<double>(negativeSlope));
        return y.Record("LeakyRelu", [input], g => [PointwiseGrad.Of(g, input, "LeakyReluBackward",
            new LeakyReluGradOp<float>((float)negativeSlope), new LeakyReluGradOp<double>(negativeSlope),
            () => Tensor.Where(input.Gt(0), g, g * negativeSlope))]);
    }

    /// <summary>
    /// Parametric ReLU (GBC §6.3.1, He et al. 2015): x for x &gt; 0, else aᵢx with a learned slope per channel (dim 1),
    /// or one slope shared by all elements when <paramref name="weight"/> has a single element.
    /// </summary>
    public static Tensor PRelu(Tensor input, Tensor weight)
    {
        if (weight.Rank != 1)
            throw new ArgumentException($"PRelu: weight must be 1-D, got shape {weight.ShapeText}.");
        var slope = weight;
        if (weight.Count != 1)
        {
            int channels = input.Rank >= 2 ? input.Size(1) : 1;
            if (weight.Count != channels)
                throw new ArgumentException(
                    $"PRelu: weight has {weight.Count} slopes but the input of shape {input.ShapeText} has {channels} channels (dim 1); use 1 or {channels} slopes.");
            // [C] → [C, 1, ..., 1] so it broadcasts over dim 1 of [N, C, d1, ...].
            var shape = Enumerable.Repeat(1, input.Rank - 1).ToArray();
            shape[0] = channels;
            slope = weight.Reshape(shape);
        }
        return Tensor.Where(input.Gt(0), input, input * slope);
    }

    /// <summary>x for x &gt; 0, else α(eˣ − 1) (Clevert et al. 2015); smooth at 0 when α = 1.</summary>
    public static Tensor Elu(Tensor input, double alpha = 1)
    {
        var y = Elementwise.Float(input, "Elu", new EluOp<float>((float)alpha), new EluOp<double>(alpha));
        // exp only ever sees x ≤ 0: an overflowing exp in the unpicked branch would turn its zero gradient into NaN.
        return y.Record("Elu", [input], g => [PointwiseGrad.Of(g, input, "EluBackward",
            new EluGradOp<float>((float)alpha), new EluGradOp<double>(alpha),
            () => Tensor.Where(input.Gt(0), g, g * alpha * input.Clamp(max: 0).Exp()))]);
    }

    /// <summary>σ(x) = 1/(1+e⁻ˣ) (GBC §3.10, §6.2.2.2).</summary>
    public static Tensor Sigmoid(Tensor input) => input.Sigmoid();

    public static Tensor Tanh(Tensor input) => input.Tanh();

    /// <summary>
    /// ζ(βx)/β = log(1 + e^{βx})/β, a smooth ReLU (GBC §3.10, §6.3.3). Where βx &gt; <paramref name="threshold"/> it
    /// returns x itself, as PyTorch does, because the two agree to within rounding there.
    /// </summary>
    public static Tensor Softplus(Tensor input, double beta = 1, double threshold = 20)
    {
        if (beta <= 0) throw new ArgumentException($"Softplus: beta must be positive, got {beta}.");
        var y = Elementwise.Float(input, "Softplus",
            new ScaledSoftplusOp<float>((float)beta, (float)threshold), new ScaledSoftplusOp<double>(beta, threshold));
        return y.Record("Softplus", [input], g => [PointwiseGrad.Of(g, input, "SoftplusBackward",
            new ScaledSoftplusGradOp<float>((float)beta, (float)threshold), new ScaledSoftplusGradOp<double>(beta, threshold),
            () =>
            {
                var scaled = input * beta;
                return Tensor.Where(scaled.Gt(threshold), g, g / beta * scaled.Sigmoid() * beta);
            })]);
    }

    /// <summary>
    /// x clipped to [min, max] (GBC §6.3.3: hard tanh). The gradient is 1 strictly inside the interval and 0 at and
    /// beyond its ends, matching PyTorch's hardtanh (Clamp, by contrast, passes the gradient at the ends).
    /// </summary>
    public static Tensor Hardtanh(Tensor input, double min = -1, double max = 1)
    {
        if (min > max) throw new ArgumentException($"Hardtanh: min ({min}) must not exceed max ({max}).");
        if (!input.DType.IsFloatingPoint()) return input.Clamp(min, max); // no gradient to get right for integers
        var y = Elementwise.Float(input, "Hardtanh", new HardtanhOp<float>((float)min, (float)max), new HardtanhOp<double>(min, max));
        return y.Record("Hardtanh", [input], g => [PointwiseGrad.Of(g, input, "HardtanhBackward",
            new HardtanhGradOp<float>((float)min, (float)max), new HardtanhGradOp<double>(min, max),
            () => Tensor.Where(input.Le(min), 0, Tensor.Where(input.Ge(max), 0, g)))]);
    }

    /// <summary>softmax(βx) along <paramref name="dim"/>; β is the inverse temperature (GBC §6.2.2.3).</summary>
    public static Tensor Softmax(Tensor input, int dim = -1, double beta = 1) => input.Softmax(dim, beta);

    /// <summary>log softmax(x), computed directly so it stays finite where softmax underflows.</summary>
    public static Tensor LogSoftmax(Tensor input, int dim = -1) => input.LogSoftmax(dim);

    // ---------------------------------------------------------------- regularisation

    /// <summary>
    /// Inverted dropout (GBC §7.12): in training, each element is kept with probability 1 − p and scaled by
    /// 1/(1 − p), so the expected activation equals the one seen at test time, when dropout is the identity.
    /// </summary>
    public static Tensor Dropout(Tensor input, double p = 0.5, bool training = true, Generator? generator = null)
    {
        CheckDropoutProbability(p);
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"Dropout: input must be float32 or float64, got {input.DType.Name()}.");
        if (!training || p == 0) return input;
        // Keep where u ≥ p for u ~ U[0, 1): P(keep) = 1 − p exactly.
        var keep = Tensor.Rand(input.Shape, input.DType, generator).Ge(p).To(input.DType);
        return input * (keep * (1 / (1 - p)));
    }

    internal static void CheckDropoutProbability(double p)
    {
        if (!(p >= 0 && p < 1))
            throw new ArgumentOutOfRangeException(nameof(p), p, $"Dropout: drop probability p must be in [0, 1), got {p}.");
    }
}
