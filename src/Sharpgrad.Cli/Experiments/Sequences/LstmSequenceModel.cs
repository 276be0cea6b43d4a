using Sharpgrad.NN;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// The LSTM baseline of the memory and Transformer experiments: one <see cref="LSTM"/> layer over inputs [T, B, in] and
/// a <see cref="Linear"/> head on every step, logits [T, B, out]. It has only its cell state to remember with.
/// </summary>
public sealed class LstmSequenceModel : Module<Tensor, Tensor>
{
    private readonly LSTM lstm;
    private readonly Linear head;

    public LstmSequenceModel(int inputSize, int hiddenSize, int outputSize, int seed)
    {
        lstm = RegisterModule("lstm", new LSTM(inputSize, hiddenSize, generator: new Generator(seed)));
        head = RegisterModule("head", new Linear(hiddenSize, outputSize, generator: new Generator(seed + 1)));
    }

    protected override Tensor ForwardCore(Tensor input) => head.Forward(lstm.Forward(input, null).Output);
}
