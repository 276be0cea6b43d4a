using Sharpgrad.NN;

namespace Sharpgrad.Cli.Experiments;

/// <summary>The recurrent layer the sequence experiments compare.</summary>
public enum RecurrentArchitecture
{
    Rnn,
    Gru,
    Lstm,
}

/// <summary>
/// Tokens in, a prediction per step out: an <see cref="Embedding"/>, one recurrent layer (tanh RNN, GRU or LSTM, batch
/// first) and a <see cref="Linear"/> head, as in Buduma ch7's language models. The LSTM's forget-gate bias starts at
/// <c>forgetGateBias</c>, 1 by default (GBC §10.10.1). <see cref="Run"/> carries the state, so a sampler can feed one token at a time.
/// </summary>
public sealed class RecurrentNet : Module<Tensor, Tensor>
{
    private readonly Embedding embedding;
    private readonly Module recurrent;
    private readonly Linear head;

    public RecurrentArchitecture Architecture { get; }

    public RecurrentNet(RecurrentArchitecture architecture, int vocabularySize, int embeddingSize, int hiddenSize, int outputSize, int seed,
        double forgetGateBias = 1)
    {
        Architecture = architecture;
        embedding = RegisterModule("embedding", new Embedding(vocabularySize, embeddingSize, generator: new Generator(seed)));
        var generator = new Generator(seed + 1);
        recurrent = RegisterModule("recurrent", architecture switch
        {
            RecurrentArchitecture.Rnn => new RNN(embeddingSize, hiddenSize, batchFirst: true, generator: generator),
            RecurrentArchitecture.Gru => new GRU(embeddingSize, hiddenSize, batchFirst: true, generator: generator),
            _ => (Module)new LSTM(embeddingSize, hiddenSize, batchFirst: true, forgetGateBias: forgetGateBias, generator: generator),
        });
        head = RegisterModule("head", new Linear(hiddenSize, outputSize, generator: new Generator(seed + 2)));
    }

    /// <summary>Logits [N, T, out] for tokens [N, T] from a zero state.</summary>
    protected override Tensor ForwardCore(Tensor tokens) => Run(tokens, null).Logits;

    /// <summary>Logits [N, T, out] and the final state (h, or h and c for the LSTM) from <paramref name="state"/> (zeros when null).</summary>
    public (Tensor Logits, (Tensor H, Tensor? C) State) Run(Tensor tokens, (Tensor H, Tensor? C)? state)
    {
        var x = embedding.Forward(tokens);
        var (output, next) = recurrent switch
        {
            RNN rnn => Single(rnn.Forward(x, state?.H)),
            GRU gru => Single(gru.Forward(x, state?.H)),
            LSTM lstm => Pair(lstm.Forward(x, state is { C: { } c } s ? (s.H, c) : null)),
            _ => throw new InvalidOperationException($"RecurrentNet: unknown recurrent layer {recurrent.GetType().Name}."),
        };
        return (head.Forward(output), next);

        static (Tensor, (Tensor, Tensor?)) Single((Tensor Output, Tensor H) r) => (r.Output, (r.H, null));
        static (Tensor, (Tensor, Tensor?)) Pair((Tensor Output, (Tensor H, Tensor C) State) r) => (r.Output, (r.State.H, r.State.C));
    }
}
