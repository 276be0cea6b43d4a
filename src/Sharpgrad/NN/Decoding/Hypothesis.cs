namespace Sharpgrad.NN;

/// <summary>
/// One decoded sequence: the generated <see cref="Tokens"/> (not the start token; the end token last when
/// <see cref="Finished"/>), their total log-probability Σₜ log P(yₜ | y&lt;t) and the length-normalised score it is ranked by.
/// A hypothesis that reached the maximum length without the end token is returned unfinished.
/// </summary>
public sealed record Hypothesis(long[] Tokens, double LogProbability, double Score, bool Finished)
{
    public override string ToString() => $"[{string.Join(' ', Tokens)}] log P = {LogProbability:G6}, score {Score:G6}{(Finished ? "" : " (unfinished)")}";
}

/// <summary>
/// One step of an autoregressive model, the interface of <see cref="SequenceDecoding"/>: from the decoder state and the
/// last token, the log-probabilities of the next token (a float tensor [V]) and the state after reading the token.
/// </summary>
public delegate (Tensor LogProbabilities, TState State) DecodingStep<TState>(TState state, long lastToken);
