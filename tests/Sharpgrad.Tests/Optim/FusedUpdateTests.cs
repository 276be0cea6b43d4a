using Sharpgrad.Optim;
using static Sharpgrad.Tests.Tensors.TensorAssert;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.Optim;

/// <summary>
/// The optimisers' one-pass update kernels (Backends/Cpu/Kernels/UpdateRules.cs) against the tensor-op formulation they replaced,
/// written out below as it stood: over several steps with fresh gradients, parameters and state must be bitwise
/// identical, for every option that changes the arithmetic, on odd sizes (SIMD tails), a non-square and a strided
/// (transposed) parameter, one large enough to be cut into parallel chunks, in float32 and float64; and bitwise the
/// same on one or two threads.
/// </summary>
public class FusedUpdateTests
{
    /// <summary>The old per-parameter state: named tensors created as zeros (or a fill) on first use, and the step count.</summary>
    private sealed class OldState
    {
        public Dictionary<string, Tensor> Tensors { get; } = [];
        public int Step { get; set; }
        public bool First => Step == 1;
        public Tensor Get(string name, Tensor like, double fill = 0) =>
            Tensors.TryGetValue(name, out var t) ? t : Tensors[name] = Tensor.FullLike(like, fill);
    }

    /// <summary>An optimiser over one parameter, and the old formulation of its update: (θ, g, state) ↦ θ updated in place.</summary>
    private sealed record Config(Func<Tensor, Optimizer> Create, Action<Tensor, Tensor, OldState> Old);

    private static Config Sgd(double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false) => new(
        p => new SGD([p], lr, momentum, dampening, weightDecay, nesterov),
        (param, grad, state) =>
        {
            var g = weightDecay != 0 ? grad + param * weightDecay : grad;
            if (momentum != 0)
            {
                var buffer = state.Get("momentum_buffer", param);
                if (state.First) buffer.CopyFrom(g);
                else buffer.MulInPlace(momentum).AddInPlace(g, 1 - dampening);
                g = nesterov ? g + buffer * momentum : buffer;
            }
            param.AddInPlace(g, -lr);
        });

    private static Config Adam(double lr = 1e-3, double weightDecay = 0, bool amsgrad = false, bool decoupled = false) => new(
        p => decoupled ? new AdamW([p], lr, weightDecay: weightDecay, amsgrad: amsgrad) : new Adam([p], lr, weightDecay: weightDecay, amsgrad: amsgrad),
        (param, grad, state) =>
        {
            const double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
            int t = state.Step;
            if (weightDecay != 0)
            {
                if (decoupled) param.MulInPlace(1 - lr * weightDecay);
                else grad = grad + param * weightDecay;
            }
            var expAvg = state.Get("exp_avg", param).MulInPlace(beta1).AddInPlace(grad, 1 - beta1);
            var expAvgSq = state.Get("exp_avg_sq", param).MulInPlace(beta2).AddInPlace(grad * grad, 1 - beta2);
            var second = amsgrad ? state.Get("max_exp_avg_sq", param).CopyFrom(state.Get("max_exp_avg_sq", param).Maximum(expAvgSq)) : expAvgSq;
            double biasCorrection1 = 1 - Math.Pow(beta1, t), biasCorrection2 = 1 - Math.Pow(beta2, t);
            var denominator = second.Sqrt() / Math.Sqrt(biasCorrection2) + eps;
            param.AddInPlace(expAvg / denominator, -lr / biasCorrection1);
        });

    private static Config RmsProp(double weightDecay = 0, double momentum = 0, bool centered = false) => new(
        p => new RMSprop([p], lr: 1e-2, weightDecay: weightDecay, momentum: momentum, centered: centered),
        (param, grad, state) =>
        {
            const double lr = 1e-2, alpha = 0.99, eps = 1e-8;
            if (weightDecay != 0) grad = grad + param * weightDecay;
            var squareAvg = state.Get("square_avg", param).MulInPlace(alpha).AddInPlace(grad * grad, 1 - alpha);
            Tensor rms;
            if (centered)
            {
                var gradAvg = state.Get("grad_avg", param).MulInPlace(alpha).AddInPlace(grad, 1 - alpha);
                rms = (squareAvg - gradAvg * gradAvg).Sqrt();
            }
            else rms = squareAvg.Sqrt();
            var denominator = rms + eps;
            if (momentum > 0)
            {
                var buffer = state.Get("momentum_buffer", param).MulInPlace(momentum).AddInPlace(grad / denominator);
                param.AddInPlace(buffer, -lr);
            }
            else param.AddInPlace(grad / denominator, -lr);
        });

    private static Config Adagrad(double lrDecay = 0, double weightDecay = 0, double initial = 0) => new(
        p => new Adagrad([p], lr: 1e-2, lrDecay: lrDecay, weightDecay: weightDecay, initialAccumulatorValue: initial),
        (param, grad, state) =>
        {
            if (weightDecay != 0) grad = grad + param * weightDecay;
            double lr = 1e-2 / (1 + (state.Step - 1) * lrDecay);
            var sum = state.Get("sum", param, initial).AddInPlace(grad * grad);
            param.AddInPlace(grad / (sum.Sqrt() + 1e-10), -lr);
        });

    private static Config Adamax(double weightDecay = 0) => new(
        p => new Adamax([p], weightDecay: weightDecay),
        (param, grad, state) =>
        {
            const double lr = 2e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
            if (weightDecay != 0) grad = grad + param * weightDecay;
            var expAvg = state.Get("exp_avg", param).MulInPlace(beta1).AddInPlace(grad, 1 - beta1);
            var expInf = state.Get("exp_inf", param).MulInPlace(beta2);
            expInf.CopyFrom(expInf.Maximum(grad.Abs() + eps));
            param.AddInPlace(expAvg / expInf, -lr / (1 - Math.Pow(beta1, state.Step)));
        });

    private static Config NAdam(double weightDecay = 0) => new(
        p => new NAdam([p], weightDecay: weightDecay),
        (param, grad, state) =>
        {
            const double lr = 2e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, psi = 4e-3;
            double t = state.Step;
            if (weightDecay != 0) grad = grad + param * weightDecay;
            double mu = beta1 * (1 - 0.5 * Math.Pow(0.96, t * psi));
            double muNext = beta1 * (1 - 0.5 * Math.Pow(0.96, (t + 1) * psi));
            var product = state.Tensors.TryGetValue("mu_product", out var p) ? p : state.Tensors["mu_product"] = Tensor.Scalar(1, DType.Float64);
            double muProduct = product.MulInPlace(mu).Item(), muProductNext = muProduct * muNext;
            var expAvg = state.Get("exp_avg", param).MulInPlace(beta1).AddInPlace(grad, 1 - beta1);
            var expAvgSq = state.Get("exp_avg_sq", param).MulInPlace(beta2).AddInPlace(grad * grad, 1 - beta2);
            var denominator = (expAvgSq / (1 - Math.Pow(beta2, t))).Sqrt() + eps;
            param.AddInPlace(grad / denominator, -lr * (1 - mu) / (1 - muProduct));
            param.AddInPlace(expAvg / denominator, -lr * muNext / (1 - muProductNext));
        });

    private static Config Adadelta(double weightDecay = 0) => new(
        p => new Adadelta([p], weightDecay: weightDecay),
        (param, grad, state) =>
        {
            const double lr = 1.0, rho = 0.9, eps = 1e-6;
            if (weightDecay != 0) grad = grad + param * weightDecay;
            var squareAvg = state.Get("square_avg", param).MulInPlace(rho).AddInPlace(grad * grad, 1 - rho);
            var accDelta = state.Get("acc_delta", param);
            var delta = (accDelta + eps).Sqrt() / (squareAvg + eps).Sqrt() * grad;
            accDelta.MulInPlace(rho).AddInPlace(delta * delta, 1 - rho);
            param.AddInPlace(delta, -lr);
        });

    private static readonly Dictionary<string, Config> Configs = new()
    {
        ["SGD"] = Sgd(0.1),
        ["SGD momentum"] = Sgd(0.1, momentum: 0.9),
        ["SGD momentum, dampening, weight decay"] = Sgd(0.05, momentum: 0.8, dampening: 0.3, weightDecay: 0.01),
        ["SGD Nesterov, weight decay"] = Sgd(0.05, momentum: 0.9, weightDecay: 1e-3, nesterov: true),
        ["Adam"] = Adam(),
        ["Adam weight decay, amsgrad"] = Adam(lr: 1e-2, weightDecay: 0.1, amsgrad: true),
        ["AdamW"] = Adam(decoupled: true, weightDecay: 1e-2),
        ["AdamW amsgrad"] = Adam(lr: 1e-2, decoupled: true, weightDecay: 0.1, amsgrad: true),
        ["RMSprop"] = RmsProp(),
        ["RMSprop centered, momentum, weight decay"] = RmsProp(weightDecay: 0.01, momentum: 0.9, centered: true),
        ["RMSprop momentum"] = RmsProp(momentum: 0.5),
        ["Adagrad"] = Adagrad(),
        ["Adagrad lr decay, weight decay, initial sum"] = Adagrad(lrDecay: 0.1, weightDecay: 0.01, initial: 0.5),
        ["Adamax"] = Adamax(),
        ["Adamax weight decay"] = Adamax(0.05),
        ["NAdam"] = NAdam(),
        ["NAdam weight decay"] = NAdam(0.05),
        ["Adadelta"] = Adadelta(),
        ["Adadelta weight decay"] = Adadelta(0.05),
    };

    public static TheoryData<string> Names => [.. Configs.Keys];

    /// <summary>Odd lengths around the SIMD widths, a non-square matrix, a transposed (strided) one, and 70 003 elements (two chunks of the 32K-element grain, the second starting mid-array).</summary>
    private static IEnumerable<(string Name, Func<DType, Tensor> Make)> Parameters()
    {
        foreach (var n in new[] { 1, 7, 17, 33, 65, 129 })
            yield return ($"[{n}]", dtype => Tensor.Randn([n], DType.Float64, new Generator(n)).To(dtype));
        yield return ("[7, 13]", dtype => Tensor.Randn([7, 13], DType.Float64, new Generator(2)).To(dtype));
        yield return ("[13, 7]ᵀ", dtype => Tensor.Randn([13, 7], DType.Float64, new Generator(3)).To(dtype).T);
        yield return ("[70003]", dtype => Tensor.Randn([70_003], DType.Float64, new Generator(4)).To(dtype));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EqualsTheTensorOpFormulationBitForBit(string name)
    {
        var config = Configs[name];
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            foreach (var (shape, make) in Parameters())
            {
                var (param, state) = Train(config, make(dtype), steps: 4);
                var expected = make(dtype).Contiguous(copy: true);
                var old = new OldState();
                for (int step = 1; step <= 4; step++)
                {
                    old.Step = step;
                    config.Old(expected, Gradient(expected, step), old);
                }
                try
                {
                    BitwiseEqual(expected, param);
                    Assert.Equal(old.Tensors.Keys.Order(), state.Keys.Where(k => k != "step").Order());
                    foreach (var (key, value) in old.Tensors) BitwiseEqual(value, state[key]);
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"{name} {dtype.Name()} {shape}: {e.Message}");
                }
            }
    }

    [Fact]
    public void SameBitsOnOneOrTwoThreads()
    {
        foreach (var (name, config) in Configs)
        {
            var start = Tensor.Randn([100_003], DType.Float32, new Generator(6));
            var (one, two) = ThreadCounts.OneAndTwo(() => Train(config, start, steps: 2).Param);
            BitwiseEqual(one, two);
        }
    }

    /// <summary>A seeded gradient for each step, in the parameter's dtype.</summary>
    private static Tensor Gradient(Tensor like, int step) => Tensor.Randn(like.Shape, DType.Float64, new Generator(100 + step)).To(like.DType);

    /// <summary>Runs the optimiser on a copy of <paramref name="start"/> (keeping its strides); returns it and its state.</summary>
    private static (Tensor Param, IReadOnlyDictionary<string, Tensor> State) Train(Config config, Tensor start, int steps)
    {
        var param = start.Detach().Clone();
        if (!start.IsContiguous) param = start.T.Contiguous(copy: true).T; // the same strided layout, in its own storage
        param.RequireGrad();
        var optimizer = config.Create(param);
        for (int step = 1; step <= steps; step++)
        {
            optimizer.ZeroGrad();
            param.Grad = Gradient(param, step);
            optimizer.Step();
        }
        return (param.Detach(), optimizer.StateOf(param));
    }
}
