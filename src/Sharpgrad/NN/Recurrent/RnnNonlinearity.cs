namespace Sharpgrad.NN;

/// <summary>The activation of a plain recurrent layer, h' = φ(W_ih x + b_ih + W_hh h + b_hh) (PyTorch's <c>nonlinearity</c>).</summary>
public enum RnnNonlinearity
{
    Tanh,
    Relu,
}
