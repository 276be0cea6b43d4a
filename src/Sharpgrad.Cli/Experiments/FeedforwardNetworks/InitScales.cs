using Sharpgrad.NN;

namespace Sharpgrad.Cli.Experiments;

/// <summary>One initialisation: per layer, the standard deviation of the pre-activations and activations, and the saturated fraction.</summary>
public sealed record InitScaleRun(string Name, bool Relu, double[] PreActivationStd, double[] ActivationStd, double[] SaturatedFraction);

/// <summary>
/// Why initial scales matter (GBC §8.4): a deep stack of square layers (no biases) is run forward on standard normal
/// inputs under five initialisations, and the spread of each layer's signal is recorded. With weights N(0, σ²) and
/// width n, each layer multiplies the pre-activations' variance by about nσ² times the nonlinearity's effect, so the
/// signal vanishes or saturates geometrically in depth unless σ is tied to the fan-in: Glorot/Xavier (with PyTorch's tanh
/// gain 5/3) for tanh, He/Kaiming for ReLU. Xavier's variance 1/n is half what ReLU needs, so with ReLU it decays by √2
/// per layer.
/// </summary>
public static class InitScales
{
    /// <summary>|tanh| above this counts as saturated (its derivative is then below 0.02).</summary>
    public const double Saturation = 0.99;

    public static IReadOnlyList<InitScaleRun> Run(int width, int depth, int batch, int seed = 0)
    {
        var schemes = new (string Name, bool Relu, Func<Tensor, Generator, Tensor> Init)[]
        {
            ("tanh, N(0, 0.01²)", false, (w, g) => Init.Normal(w, 0, 0.01, g)),
            ("tanh, N(0, 1)", false, (w, g) => Init.Normal(w, 0, 1, g)),
            ("tanh, Xavier (gain 5/3)", false, (w, g) => Init.XavierNormal(w, Init.CalculateGain(Nonlinearity.Tanh), g)),
            ("ReLU, Xavier", true, (w, g) => Init.XavierNormal(w, 1, g)),
            ("ReLU, Kaiming", true, (w, g) => Init.KaimingNormal(w, nonlinearity: Nonlinearity.ReLU, generator: g)),
        };
        var inputs = Tensor.Randn([batch, width], DType.Float64, new Generator(seed));
        return [.. schemes.Select(s => Forward(s.Name, s.Relu, s.Init, inputs, depth, seed + 1))];
    }

    private static InitScaleRun Forward(string name, bool relu, Func<Tensor, Generator, Tensor> init, Tensor inputs, int depth, int seed)
    {
        var generator = new Generator(seed);   // the same draws for every scheme; only their scale and shape differ
        int width = inputs.Size(1);
        var (pre, post, saturated) = (new double[depth], new double[depth], new double[depth]);
        var h = inputs;
        for (int layer = 0; layer < depth; layer++)
        {
            var weights = init(Tensor.Zeros([width, width], DType.Float64), generator);
            var a = h.MatMul(weights);
            h = relu ? a.Relu() : a.Tanh();
            pre[layer] = a.Std().Item();
            post[layer] = h.Std().Item();
            saturated[layer] = relu ? 0 : h.Abs().Gt(Saturation).Double().Mean().Item();
        }
        return new InitScaleRun(name, relu, pre, post, saturated);
    }
}
