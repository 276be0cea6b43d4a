namespace Sharpgrad.NN;

// Activation functions of issue #10, written as compositions of differentiable tensor ops, so each has exact first and
// second derivatives without a hand-written backward. Where a function has a kink, the composition is chosen so that
// the one-sided derivative there is PyTorch's (each summary says which); docs/design.md lists them together.
public static partial class Functional
{
    private const double Sqrt1Over2 = 0.70710678118654752440;  // 1/√2
    private const double SqrtTwoOverPi = 0.79788456080286535588; // √(2/π)

    /// <summary>
    /// GELU (Hendrycks &amp; Gimpel 2016): x·Φ(x) = ½x(1 + erf(x/√2)) with <c>approximate: "none"</c>, or
    /// ½x(1 + tanh(√(2/π)(x + 0.044715x³))) with <c>"tanh"</c>, as torch.nn.functional.gelu.
    /// </summary>
    public static Tensor Gelu(Tensor input, string approximate = "none") => approximate switch
    {
        "none" => input * 0.5 * (1 + (input * Sqrt1Over2).Erf()),
        "tanh" => input * 0.5 * (1 + ((input + input * input * input * 0.044715) * SqrtTwoOverPi).Tanh()),
        _ => throw new ArgumentException($"Gelu: approximate must be \"none\" or \"tanh\", got \"{approximate}\"."),
    };

    /// <summary>SiLU (swish): x·σ(x).</summary>
    public static Tensor Silu(Tensor input) => input * input.Sigmoid();

    /// <summary>Mish (Misra 2019): x·tanh(ζ(x)), ζ the softplus.</summary>
    public static Tensor Mish(Tensor input) => input * input.Softplus().Tanh();

    /// <summary>
    /// x·relu6(x + 3)/6 (Howard et al. 2019). Written with Clamp, which passes the gradient at its ends, so the
    /// derivative at x = −3 is −½ and at x = 3 is 3/2: PyTorch's hardswish_backward (x/3 + ½ on the closed interval).
    /// </summary>
    public static Tensor Hardswish(Tensor input) => input * (input + 3).Clamp(0, 6) / 6;

    /// <summary>relu6(x + 3)/6; the derivative is 1/6 strictly inside (−3, 3) and 0 at ±3, as PyTorch.</summary>
    public static Tensor Hardsigmoid(Tensor input) => Hardtanh(input + 3, 0, 6) / 6;

    /// <summary>min(max(x, 0), 6): Hardtanh on [0, 6], so the derivative is 0 at 0 and at 6 (PyTorch's relu6).</summary>
    public static Tensor Relu6(Tensor input) => Hardtanh(input, 0, 6);

    /// <summary>
    /// SELU (Klambauer et al. 2017): λ·ELU(x, α) with PyTorch's λ = 1.0507009873554804934 and
    /// α = 1.6732632423543772848; the derivative at 0 is λα (ELU's convention, as PyTorch).
    /// </summary>
    public static Tensor Selu(Tensor input) => Elu(input, 1.6732632423543772848) * 1.0507009873554804934;

    /// <summary>CELU (Barron 2017): x for x &gt; 0, else α(e^(x/α) − 1); the derivative at 0 is 1 from both sides.</summary>
    public static Tensor Celu(Tensor input, double alpha = 1)
    {
        if (alpha == 0) throw new ArgumentException("Celu: alpha must not be 0 (it divides x), got 0.");
        return Tensor.Where(input.Gt(0), input, Elu(input / alpha) * alpha);
    }

    /// <summary>x/(1 + |x|).</summary>
    public static Tensor Softsign(Tensor input) => input / (input.Abs() + 1);

    /// <summary>x − tanh(x).</summary>
    public static Tensor Tanhshrink(Tensor input) => input - input.Tanh();

    /// <summary>0 where −λ ≤ x ≤ λ, else x; the gradient is 0 on the closed interval (PyTorch).</summary>
    public static Tensor Hardshrink(Tensor input, double lambda = 0.5) => Tensor.Where(input.Abs().Le(lambda), 0.0, input);

    /// <summary>x − λ·sign(x) where |x| &gt; λ, else 0; the gradient is 0 on the closed interval [−λ, λ] (PyTorch).</summary>
    public static Tensor Softshrink(Tensor input, double lambda = 0.5)
    {
        if (!(lambda >= 0)) throw new ArgumentException($"Softshrink: lambda must be at least 0, got {lambda}.");
        return Tensor.Where(input.Abs().Le(lambda), 0.0, input - input.Sign() * lambda);
    }

    /// <summary>
    /// Gated linear unit (Dauphin et al. 2017): splits <paramref name="dim"/> into halves a, b and returns a·σ(b).
    /// </summary>
    public static Tensor Glu(Tensor input, int dim = -1)
    {
        int d = ShapeUtil.NormalizeDim(dim, input.Rank, "Glu");
        int size = input.Size(d);
        if (size % 2 != 0)
            throw new ArgumentException($"Glu: the halved dim must have even size, but dim {dim} of shape {input.ShapeText} has size {size}.");
        return input.Narrow(d, 0, size / 2) * input.Narrow(d, size / 2, size / 2).Sigmoid();
    }

    /// <summary>softmax(−x) along <paramref name="dim"/>.</summary>
    public static Tensor Softmin(Tensor input, int dim = -1) => (-input).Softmax(dim);
}
