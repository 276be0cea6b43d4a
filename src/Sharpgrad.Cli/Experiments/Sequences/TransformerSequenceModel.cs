using Sharpgrad.NN;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// A small Transformer encoder for sequence tasks (Vaswani et al. 2017; NYU ch12): inputs [T, B, in] are projected to
/// d_model (a linear map of a one-hot is an embedding), the sinusoidal positional encoding is added, post-norm encoder
/// layers without dropout attend over all steps at once, and a <see cref="Linear"/> head gives logits [T, B, out].
/// </summary>
public sealed class TransformerSequenceModel : Module<Tensor, Tensor>
{
    private readonly Linear embed;
    private readonly SinusoidalPositionalEncoding position;
    private readonly TransformerEncoder encoder;
    private readonly Linear head;

    public TransformerSequenceModel(int inputSize, int dModel, int heads, int feedForward, int layers, int outputSize, int maxLength, int seed)
    {
        embed = RegisterModule("embed", new Linear(inputSize, dModel, generator: new Generator(seed)));
        position = RegisterModule("position", new SinusoidalPositionalEncoding(dModel, maxLength));
        var layer = new TransformerEncoderLayer(dModel, heads, feedForward, dropout: 0, generator: new Generator(seed + 1));
        encoder = RegisterModule("encoder", new TransformerEncoder(layer, layers));
        head = RegisterModule("head", new Linear(dModel, outputSize, generator: new Generator(seed + 2)));
    }

    protected override Tensor ForwardCore(Tensor input) => head.Forward(encoder.Forward(position.Forward(embed.Forward(input))));
}
