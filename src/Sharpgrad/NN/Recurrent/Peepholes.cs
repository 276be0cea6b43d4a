namespace Sharpgrad.NN;

/// <summary>
/// An LSTM's peephole connections (Gers &amp; Schmidhuber 2000; Gers, Schraudolph &amp; Schmidhuber 2002): diagonal
/// weights [H] through which the gates see the memory cell itself, i = σ(a_i + w_ci ⊙ c), f = σ(a_f + w_cf ⊙ c) with
/// the previous cell c, and o = σ(a_o + w_co ⊙ c') with the new one.
/// </summary>
internal sealed record Peepholes(Tensor Input, Tensor Forget, Tensor Output);
