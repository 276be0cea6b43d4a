using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Generative;

/// <summary>
/// Alternating GAN training (GBC §20.10.4; Goodfellow et al. 2014 Alg. 1 with one discriminator step per generator
/// step): each <see cref="Step"/> draws z, updates the discriminator on real and detached fake samples with its own
/// optimiser, then updates the generator through the discriminator with the other. The losses default to the logistic
/// ones of <see cref="GanLosses"/>; set <see cref="DiscriminatorLoss"/> and <see cref="GeneratorLoss"/> for others
/// (EBGAN: the discriminator's outputs are energies). A loss that becomes NaN or ∞ stops training with an exception
/// naming the step, before any parameter is changed by it. <see cref="StateDict"/> holds both networks, both
/// optimisers, the noise generator and the step count, so a run resumed from it continues bit for bit.
/// </summary>
public sealed class GanTrainer
{
    public GanTrainer(Module<Tensor, Tensor> generatorNet, Module<Tensor, Tensor> discriminator, Optimizer generatorOptimizer,
        Optimizer discriminatorOptimizer, int[] latentShape, GanLoss loss = GanLoss.NonSaturating, Generator? noise = null)
    {
        GeneratorNet = generatorNet ?? throw new ArgumentNullException(nameof(generatorNet));
        Discriminator = discriminator ?? throw new ArgumentNullException(nameof(discriminator));
        GeneratorOptimizer = generatorOptimizer ?? throw new ArgumentNullException(nameof(generatorOptimizer));
        DiscriminatorOptimizer = discriminatorOptimizer ?? throw new ArgumentNullException(nameof(discriminatorOptimizer));
        if (latentShape is null || latentShape.Length == 0 || latentShape.Any(s => s < 1))
            throw new ArgumentException($"GanTrainer: the latent shape must be non-empty and positive, got [{string.Join(", ", latentShape ?? [])}].");
        LatentShape = latentShape;
        DiscriminatorLoss = GanLosses.Discriminator;
        GeneratorLoss = fake => GanLosses.Generator(loss, fake);
        Noise = noise ?? new Generator(0);
    }

    public Module<Tensor, Tensor> GeneratorNet { get; }

    public Module<Tensor, Tensor> Discriminator { get; }

    public Optimizer GeneratorOptimizer { get; }

    public Optimizer DiscriminatorOptimizer { get; }

    /// <summary>The shape of one z, e.g. [100, 1, 1] for a DCGAN or [8] for an MLP generator.</summary>
    public int[] LatentShape { get; }

    /// <summary>L_D(D(x), D(G(z))) to minimise.</summary>
    public Func<Tensor, Tensor, Tensor> DiscriminatorLoss { get; init; }

    /// <summary>L_G(D(G(z))) to minimise.</summary>
    public Func<Tensor, Tensor> GeneratorLoss { get; init; }

    /// <summary>Draws z.</summary>
    public Generator Noise { get; }

    /// <summary>Steps taken so far.</summary>
    public long Steps { get; private set; }

    /// <summary>z ~ N(0, I) for <paramref name="count"/> samples, in the generator's dtype.</summary>
    public Tensor SampleLatent(int count)
    {
        var dtype = GeneratorNet.Parameters().FirstOrDefault()?.DType ?? DType.Float32;
        return Tensor.Randn([count, .. LatentShape], dtype, Noise);
    }

    /// <summary>One discriminator update then one generator update on a batch of real samples; returns both losses.</summary>
    public (double DiscriminatorLoss, double GeneratorLoss) Step(Tensor real)
    {
        if (real.Rank < 1 || real.Size(0) < 1)
            throw new ArgumentException($"GanTrainer: expected a batch of real samples [N, ...], got {real.ShapeText}.");
        long step = Steps + 1;
        var fake = GeneratorNet.Forward(SampleLatent(real.Size(0)));
        if (!fake.Shape.Slice(1, fake.Rank - 1).AsSpan().SequenceEqual(real.Shape.Slice(1, real.Rank - 1)))
            throw new ArgumentException($"GanTrainer: the generator made samples {fake.ShapeText} but the real batch is {real.ShapeText}.");

        var dLoss = DiscriminatorLoss(Discriminator.Forward(real), Discriminator.Forward(fake.Detach()));
        double d = Finite(dLoss, "discriminator", step);
        DiscriminatorOptimizer.ZeroGrad();
        dLoss.Backward();
        DiscriminatorOptimizer.Step();

        var gLoss = GeneratorLoss(Discriminator.Forward(fake));
        double g = Finite(gLoss, "generator", step);
        GeneratorOptimizer.ZeroGrad();
        gLoss.Backward();
        GeneratorOptimizer.Step();
        Steps = step;
        return (d, g);
    }

    /// <summary>Everything needed to resume: "generator.*", "discriminator.*", "optimizer_g.*", "optimizer_d.*", "noise", "steps".</summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>();
        Add(state, "generator.", GeneratorNet.StateDict());
        Add(state, "discriminator.", Discriminator.StateDict());
        Add(state, "optimizer_g.", GeneratorOptimizer.StateDict());
        Add(state, "optimizer_d.", DiscriminatorOptimizer.StateDict());
        state["noise"] = Tensor.FromArray(Noise.GetState().Select(w => unchecked((long)w)).ToArray(), 6);
        state["steps"] = Tensor.FromArray(new[] { Steps }, 1);
        return state;
    }

    /// <summary>Restores a <see cref="StateDict"/>; every section is checked by its owner before the step count changes.</summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        if (!state.TryGetValue("noise", out var noise) || noise.DType != DType.Int64 || noise.Count != 6
            || !state.TryGetValue("steps", out var steps) || steps.DType != DType.Int64 || steps.Count != 1)
            throw new ArgumentException("GanTrainer: the state must hold 'noise' (int64 [6]) and 'steps' (int64 [1]), as StateDict writes them.");
        GeneratorNet.LoadStateDict(Section(state, "generator."));
        Discriminator.LoadStateDict(Section(state, "discriminator."));
        GeneratorOptimizer.LoadStateDict(Section(state, "optimizer_g."));
        DiscriminatorOptimizer.LoadStateDict(Section(state, "optimizer_d."));
        Noise.SetState(noise.ToArray<long>().Select(w => unchecked((ulong)w)).ToArray());
        Steps = steps.ToArray<long>()[0];
    }

    private static double Finite(Tensor loss, string network, long step)
    {
        double value = loss.Item();
        if (!double.IsFinite(value))
            throw new InvalidOperationException(
                $"GanTrainer: the {network} loss became {value} at step {step}; training stopped before that update. " +
                "Lower the learning rates or check the data for NaN.");
        return value;
    }

    private static void Add(Dictionary<string, Tensor> state, string prefix, IReadOnlyDictionary<string, Tensor> section)
    {
        foreach (var (key, value) in section) state[prefix + key] = value;
    }

    private static Dictionary<string, Tensor> Section(IReadOnlyDictionary<string, Tensor> state, string prefix)
        => state.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
}
