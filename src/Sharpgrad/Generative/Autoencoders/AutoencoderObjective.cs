using Sharpgrad.NN;
using Sharpgrad.Regularization;
using Sharpgrad.Training;

namespace Sharpgrad.Generative;

/// <summary>
/// The regularised autoencoder objective L(x, g(f(x̃))) + Ω(h) (GBC §14.2–14.7) for the <see cref="Trainer"/>, with the
/// target set to the clean input x. Each part is optional and they combine: a <see cref="Corruption"/> makes it a
/// denoising autoencoder (x̃ ~ C(x̃ | x), GBC §14.5); a <see cref="CodePenalty"/> a sparse one (L1 or KL to ρ, GBC
/// §14.2.1); a <see cref="ContractiveWeight"/> λ &gt; 0 a contractive one (λ·‖∂h/∂x‖²_F at x̃, GBC §14.7). With none it
/// is the plain (undercomplete) autoencoder. The model must be an <see cref="Autoencoder"/>, to reach its code.
/// </summary>
public sealed class AutoencoderObjective(Func<Tensor, Tensor, Tensor> reconstructionLoss) : ITrainingObjective
{
    public Func<Tensor, Tensor, Tensor> LossFunction { get; } = reconstructionLoss ?? throw new ArgumentNullException(nameof(reconstructionLoss));

    public ICorruption? Corruption { get; init; }

    public IActivationPenalty? CodePenalty { get; init; }

    public double ContractiveWeight { get; init; }

    /// <summary>Draws the corruption noise; seed it for reproducible runs.</summary>
    public Generator Generator { get; init; } = Generator.Default;

    public (Tensor Loss, Tensor Output) Compute(Module<Tensor, Tensor> model, Tensor input, Tensor target)
    {
        if (model is not Autoencoder autoencoder)
            throw new ArgumentException($"AutoencoderObjective: the model must be an Autoencoder (to reach its code), got {model.GetType().Name}.");
        if (!(ContractiveWeight >= 0) || double.IsInfinity(ContractiveWeight))
            throw new ArgumentException($"AutoencoderObjective: ContractiveWeight must be finite and ≥ 0, got {ContractiveWeight}.");
        var noisy = Corruption?.Corrupt(input, Generator) ?? input;
        bool contractive = ContractiveWeight > 0 && Autograd.IsGradEnabled;
        if (contractive) noisy = noisy.Detach().RequireGrad();
        var (code, reconstruction) = autoencoder.Reconstruct(noisy);
        var loss = LossFunction(reconstruction, target);
        if (CodePenalty is not null) loss = loss + CodePenalty.Compute(code);
        if (contractive) loss = loss + ContractivePenalty.JacobianNorm(code, noisy) * ContractiveWeight;
        return (loss, reconstruction);
    }
}
