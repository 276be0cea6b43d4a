namespace Sharpgrad.NN;

/// <summary>How a convolution's input, or <see cref="Functional.Pad(Tensor, int[], PaddingMode)"/>, extends past its border.</summary>
public enum PaddingMode
{
    /// <summary>0 outside the input (GBC §9.4: "zero padding").</summary>
    Zeros,

    /// <summary>The input mirrored at the border without repeating the edge: [a b c] padded by 2 is [c b | a b c | b a].</summary>
    Reflect,

    /// <summary>The edge value repeated: [a b c] padded by 2 is [a a | a b c | c c].</summary>
    Replicate,

    /// <summary>The input wrapped around, as on a torus: [a b c] padded by 2 is [b c | a b c | a b].</summary>
    Circular,
}
