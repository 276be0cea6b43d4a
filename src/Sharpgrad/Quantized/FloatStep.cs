using Sharpgrad.NN;

namespace Sharpgrad.Quantized;

/// <summary>
/// Float layers run between a dequantisation and a quantisation (PyTorch's DeQuantStub/QuantStub around an
/// unsupported op). For max pooling, ReLU, dropout and identity the output keeps the input's scale and zero point:
/// these maps commute with the monotone map r = s·(q − z), so the round trip is exact and they act on the codes as
/// they would on the reals (a max of codes is the code of the max). Other layers get their own calibrated scale.
/// Max pooling this way costs two elementwise passes; LeNet-5's pools are small next to its convolutions.
/// <para>
/// The layers are the float model's own (shared, not copied), so they always run in eval mode and without a graph:
/// a quantised model is for inference, and a float model left in training mode must not make dropout draw masks or
/// batch norm update its running statistics here. Training the float model after <c>Convert</c> would still change
/// these steps (and not the frozen int8 layers): convert again after training.
/// </para>
/// </summary>
internal sealed class FloatStep(string name, IReadOnlyList<Module<Tensor, Tensor>> layers, QuantParams? output) : QuantizedStep(name)
{
    /// <summary>The step's own calibrated output parameters, or null when it keeps its input's.</summary>
    internal QuantParams? Output => output;

    public override QuantizedTensor Forward(QuantizedTensor x)
    {
        using var _ = Autograd.NoGrad();
        var y = x.Dequantize();
        foreach (var layer in layers)
            using (layer.EvalScope())
                y = layer.Forward(y);
        return QuantizedTensor.Quantize(y, output ?? x.Quant);
    }
}
