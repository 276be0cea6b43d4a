namespace Sharpgrad.NN.Memory;

/// <summary>
/// The controller of a memory-augmented network (Graves et al. 2014 §3: "the controller network can be a feedforward
/// network or a recurrent network").
/// </summary>
public enum ControllerKind
{
    /// <summary>An <see cref="LSTMCell"/>: h_t, c_t = LSTM([x_t; r_{t−1}], h_{t−1}, c_{t−1}). Parameters <c>controller.weight_ih</c> …</summary>
    Lstm,

    /// <summary>
    /// One tanh layer, h_t = tanh(W [x_t; r_{t−1}] + b), parameters <c>controller.weight</c> and <c>controller.bias</c>:
    /// the only way information crosses time steps is through the memory and the read vectors, which makes the
    /// network's use of memory easier to read (Graves et al. 2014 §3). The state's c stays at its initial zeros.
    /// </summary>
    FeedForward,
}
