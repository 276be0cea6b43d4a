using System.Numerics;
using System.Runtime.CompilerServices;

namespace Sharpgrad.Kernels;

// The optimisers' per-element updates (Optim/*.cs state each one's formula and its source). Every rule repeats the
// operations of the tensor-op formulation it replaced, in the same order and with the same rounding: each
// hyper-parameter expression is evaluated in double and then rounded to the parameter's dtype, as a scalar operand
// of a tensor op was, and nothing is fused into an FMA. Results are therefore bitwise those of the earlier code, and
// the PyTorch trajectory fixtures stay the judge. A multiply by an option that equals 1 (1 − dampening with no
// dampening) is kept: x·1 = x exactly, so there is no need for a branch.

/// <summary>Both kinds of weight decay: λθ added to the gradient (L2), or θ shrunk by 1 − ελ first (decoupled, AdamW).</summary>
internal readonly struct WeightDecay<T> where T : unmanaged, INumber<T>
{
    private readonly Vector<T> factor;
    private readonly bool coupled, decoupled;

    public WeightDecay(double weightDecay, double lr = 0, bool decoupled = false)
    {
        this.decoupled = decoupled && weightDecay != 0;
        coupled = !decoupled && weightDecay != 0;
        factor = new Vector<T>(T.CreateTruncating(decoupled ? 1 - lr * weightDecay : weightDecay));
    }

    /// <summary>g ← g + λθ (L2), or θ ← θ(1 − ελ) (decoupled); nothing when λ = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref Vector<T> param, ref Vector<T> grad)
    {
        if (coupled) grad += param * factor;
        else if (decoupled) param *= factor;
    }
}

/// <summary>SGD with momentum, dampening and Nesterov (state0: the momentum buffer b).</summary>
internal readonly struct SgdRule<T>(double lr, double momentum, double dampening, double weightDecay, bool nesterov, bool firstStep)
    : IUpdateRule<T> where T : unmanaged, INumber<T>
{
    private readonly WeightDecay<T> decay = new(weightDecay);
    private readonly Vector<T> mu = Splat(momentum), keep = Splat(1 - dampening), step = Splat(-lr);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Apply(Vector<T> param, Vector<T> grad, ref Vector<T> buffer, ref Vector<T> unused1, ref Vector<T> unused2)
    {
        decay.Apply(ref param, ref grad);
        if (momentum != 0)
        {
            buffer = firstStep ? grad : buffer * mu + grad * keep;
            grad = nesterov ? grad + buffer * mu : buffer;
        }
        return param + grad * step;
    }

    private static Vector<T> Splat(double value) => new(T.CreateTruncating(value));
}

/// <summary>
/// Adam and AdamW, with amsgrad (state0: s, state1: r, state2: max r). <paramref name="biasCorrection1"/> and
/// <paramref name="biasCorrection2"/> are 1 − ρ₁ᵗ and 1 − ρ₂ᵗ for this step.
/// </summary>
internal readonly struct AdamRule<T>(double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled,
    bool amsgrad, double biasCorrection1, double biasCorrection2) : IUpdateRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly WeightDecay<T> decay = new(weightDecay, lr, decoupled);
    private readonly Vector<T> b1 = Splat(beta1), keep1 = Splat(1 - beta1), b2 = Splat(beta2), keep2 = Splat(1 - beta2);
    private readonly Vector<T> sqrtCorrection2 = Splat(Math.Sqrt(biasCorrection2)), delta = Splat(eps), step = Splat(-lr / biasCorrection1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Apply(Vector<T> param, Vector<T> grad, ref Vector<T> expAvg, ref Vector<T> expAvgSq, ref Vector<T> maxExpAvgSq)
    {
        decay.Apply(ref param, ref grad);
        expAvg = expAvg * b1 + grad * keep1;
        expAvgSq = expAvgSq * b2 + grad * grad * keep2;
        var secondMoment = expAvgSq;
        if (amsgrad) secondMoment = maxExpAvgSq = Vector.Max(maxExpAvgSq, expAvgSq);
        var denominator = Vector.SquareRoot(secondMoment) / sqrtCorrection2 + delta;
        return param + expAvg / denominator * step;
    }

    private static Vector<T> Splat(double value) => new(T.CreateTruncating(value));
}

/// <summary>RMSprop, centred or not, with momentum (state0: square_avg, state1: momentum_buffer, state2: grad_avg).</summary>
internal readonly struct RmsPropRule<T>(double lr, double alpha, double eps, double weightDecay, double momentum, bool centered)
    : IUpdateRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly WeightDecay<T> decay = new(weightDecay);
    private readonly Vector<T> a = Splat(alpha), keep = Splat(1 - alpha), delta = Splat(eps), mu = Splat(momentum), step = Splat(-lr);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Apply(Vector<T> param, Vector<T> grad, ref Vector<T> squareAvg, ref Vector<T> buffer, ref Vector<T> gradAvg)
    {
        decay.Apply(ref param, ref grad);
        squareAvg = squareAvg * a + grad * grad * keep;
        Vector<T> rms;
        if (centered)
        {
            gradAvg = gradAvg * a + grad * keep;
            rms = Vector.SquareRoot(squareAvg - gradAvg * gradAvg);
        }
        else rms = Vector.SquareRoot(squareAvg);
        var scaled = grad / (rms + delta);
        if (momentum > 0)
        {
            buffer = buffer * mu + scaled;
            return param + buffer * step;
        }
        return param + scaled * step;
    }

    private static Vector<T> Splat(double value) => new(T.CreateTruncating(value));
}

/// <summary>Adagrad (state0: the running sum of squares); <paramref name="lr"/> is this step's decayed rate.</summary>
internal readonly struct AdagradRule<T>(double lr, double eps, double weightDecay) : IUpdateRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly WeightDecay<T> decay = new(weightDecay);
    private readonly Vector<T> delta = new(T.CreateTruncating(eps)), step = new(T.CreateTruncating(-lr));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Apply(Vector<T> param, Vector<T> grad, ref Vector<T> sum, ref Vector<T> unused1, ref Vector<T> unused2)
    {
        decay.Apply(ref param, ref grad);
        sum += grad * grad;
        return param + grad / (Vector.SquareRoot(sum) + delta) * step;
    }
}

/// <summary>Adamax (state0: s, state1: the infinity norm u); <paramref name="biasCorrection1"/> is 1 − ρ₁ᵗ.</summary>
internal readonly struct AdamaxRule<T>(double lr, double beta1, double beta2, double eps, double weightDecay, double biasCorrection1)
    : IUpdateRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly WeightDecay<T> decay = new(weightDecay);
    private readonly Vector<T> b1 = Splat(beta1), keep1 = Splat(1 - beta1), b2 = Splat(beta2), delta = Splat(eps), step = Splat(-lr / biasCorrection1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Apply(Vector<T> param, Vector<T> grad, ref Vector<T> expAvg, ref Vector<T> expInf, ref Vector<T> unused)
    {
        decay.Apply(ref param, ref grad);
        expAvg = expAvg * b1 + grad * keep1;
        expInf = Vector.Max(expInf * b2, Vector.Abs(grad) + delta);
        return param + expAvg / expInf * step;
    }

    private static Vector<T> Splat(double value) => new(T.CreateTruncating(value));
}

/// <summary>
/// NAdam (state0: s, state1: r); <paramref name="gradStep"/> = −ε(1 − μₜ)/(1 − Πₜ) and <paramref name="momentumStep"/> =
/// −ε·μₜ₊₁/(1 − Πₜμₜ₊₁) for this step, <paramref name="biasCorrection2"/> = 1 − ρ₂ᵗ.
/// </summary>
internal readonly struct NAdamRule<T>(double beta1, double beta2, double eps, double weightDecay, double biasCorrection2,
    double gradStep, double momentumStep) : IUpdateRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly WeightDecay<T> decay = new(weightDecay);
    private readonly Vector<T> b1 = Splat(beta1), keep1 = Splat(1 - beta1), b2 = Splat(beta2), keep2 = Splat(1 - beta2);
    private readonly Vector<T> correction2 = Splat(biasCorrection2), delta = Splat(eps), c1 = Splat(gradStep), c2 = Splat(momentumStep);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Apply(Vector<T> param, Vector<T> grad, ref Vector<T> expAvg, ref Vector<T> expAvgSq, ref Vector<T> unused)
    {
        decay.Apply(ref param, ref grad);
        expAvg = expAvg * b1 + grad * keep1;
        expAvgSq = expAvgSq * b2 + grad * grad * keep2;
        var denominator = Vector.SquareRoot(expAvgSq / correction2) + delta;
        param += grad / denominator * c1;
        return param + expAvg / denominator * c2;
    }

    private static Vector<T> Splat(double value) => new(T.CreateTruncating(value));
}

/// <summary>Adadelta (state0: square_avg r, state1: acc_delta u).</summary>
internal readonly struct AdadeltaRule<T>(double lr, double rho, double eps, double weightDecay) : IUpdateRule<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly WeightDecay<T> decay = new(weightDecay);
    private readonly Vector<T> r = Splat(rho), keep = Splat(1 - rho), delta = Splat(eps), step = Splat(-lr);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<T> Apply(Vector<T> param, Vector<T> grad, ref Vector<T> squareAvg, ref Vector<T> accDelta, ref Vector<T> unused)
    {
        decay.Apply(ref param, ref grad);
        squareAvg = squareAvg * r + grad * grad * keep;
        var update = Vector.SquareRoot(accDelta + delta) / Vector.SquareRoot(squareAvg + delta) * grad;
        accDelta = accDelta * r + update * update * keep;
        return param + update * step;
    }

    private static Vector<T> Splat(double value) => new(T.CreateTruncating(value));
}
