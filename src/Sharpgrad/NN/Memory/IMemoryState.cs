namespace Sharpgrad.NN.Memory;

/// <summary>What every memory-augmented network carries from one step to the next besides its memory: the controller's LSTM state and the last read vectors.</summary>
public interface IMemoryState
{
    /// <summary>The controller's hidden and cell states, each [B, controllerSize].</summary>
    (Tensor H, Tensor C) Controller { get; }

    /// <summary>The read vectors of the last step, [B, R, W]; the controller sees them with the next input.</summary>
    Tensor Reads { get; }

    /// <summary>The memory matrix [B, N, W].</summary>
    Tensor Memory { get; }
}
