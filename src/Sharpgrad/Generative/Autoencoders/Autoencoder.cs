using Sharpgrad.NN;

namespace Sharpgrad.Generative;

/// <summary>
/// An autoencoder x → h = f(x) → r = g(h) (GBC §14.0): an encoder and a decoder trained to copy the input to the output
/// through a code h. What keeps it from learning the identity is the architecture (an undercomplete code, GBC §14.1) or
/// the objective (<see cref="AutoencoderObjective"/>: a sparsity penalty, input noise, a contractive penalty). Forward
/// returns the reconstruction, so the model trains with <see cref="Training.Trainer"/> on (x, x) pairs; the children are
/// named "encoder" and "decoder".
/// </summary>
public sealed class Autoencoder : Module<Tensor, Tensor>
{
    public Autoencoder(Module<Tensor, Tensor> encoder, Module<Tensor, Tensor> decoder)
    {
        Encoder = RegisterModule("encoder", encoder ?? throw new ArgumentNullException(nameof(encoder)));
        Decoder = RegisterModule("decoder", decoder ?? throw new ArgumentNullException(nameof(decoder)));
    }

    public Module<Tensor, Tensor> Encoder { get; }

    public Module<Tensor, Tensor> Decoder { get; }

    /// <summary>The code h = f(x).</summary>
    public Tensor Encode(Tensor input) => Encoder.Forward(input);

    /// <summary>The reconstruction r = g(h).</summary>
    public Tensor Decode(Tensor code) => Decoder.Forward(code);

    /// <summary>The code and the reconstruction of <paramref name="input"/>, checked to have the input's shape.</summary>
    public (Tensor Code, Tensor Reconstruction) Reconstruct(Tensor input)
    {
        var code = Encode(input);
        var reconstruction = Decode(code);
        RequireSameShape("Autoencoder", input, reconstruction);
        return (code, reconstruction);
    }

    protected override Tensor ForwardCore(Tensor input) => Reconstruct(input).Reconstruction;

    /// <summary>Throws when a decoder's output cannot be compared with the input it reconstructs.</summary>
    internal static void RequireSameShape(string model, Tensor input, Tensor reconstruction)
    {
        if (!input.Shape.Equals(reconstruction.Shape))
            throw new ArgumentException(
                $"{model}: the decoder's output has shape {reconstruction.ShapeText} but the input has shape {input.ShapeText}; " +
                "the decoder must map the code back to the input's shape.");
    }
}
