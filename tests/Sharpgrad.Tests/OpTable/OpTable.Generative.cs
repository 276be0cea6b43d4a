using Sharpgrad.Generative;
using Sharpgrad.NN;

namespace Sharpgrad.Tests.OpTable;

// The generative models' differentiable pieces (issue #15), as functions of their inputs: the k-sparse layer, the tied
// decoder, both forms of the contractive penalty (the autograd one differentiates a recorded backward pass), the VAE's
// KL, likelihoods and importance-weighted bound, the adversarial losses, the RBM free energies, NADE's exact
// log-likelihood and the energy-based losses (Distinct energies keep the minima away from ties; the hinge margin 5 keeps
// every row inside the hinge's linear part). The VAE and RBM
// entries use modules with float64 parameters and convert their inputs to float64, so they are compared in float64 only. Exact log Z is checked against
// enumeration, and its gradient against PCD, in RbmTests.
public static partial class OpTable
{
    [OpEntries]
    private static IEnumerable<OpInfo> Generative() =>
    [
        Unary("KSparse k = 2", x => new KSparse(2).Forward(x), () => Distinct(1500, 2, 4)),
        Unary("TiedLinearDecoder", h => new TiedLinearDecoder(TiedEncoder()).Forward(h.To(DType.Float64)), () => Normal(1501, 2, 2)) with { Float32 = false },
        new OpInfo("ContractivePenalty by autograd", x =>
        {
            using var _ = Autograd.EnableGrad(); // it differentiates inside, also when GradCheck evaluates under NoGrad
            var input = x[0].RequiresGrad ? x[0] : x[0].Detach().RequireGrad();
            return ContractivePenalty.JacobianNorm(Functional.Linear(input, x[1], x[2]).Sigmoid(), input);
        }, () => [Normal(1502, 2, 3), Normal(1503, 2, 3), Normal(1504, 2)]),
        new OpInfo("ContractivePenalty sigmoid closed form", x => ContractivePenalty.SigmoidLayer(Functional.Linear(x[0], x[1], x[2]).Sigmoid(), x[1]),
            () => [Normal(1505, 2, 3), Normal(1506, 2, 3), Normal(1507, 2)]),
        Binary("Vae KL to N(0, I)", Vae.KlToStandardNormal, () => Normal(1508, 2, 3), () => Normal(1509, 2, 3)),
        Unary("BernoulliDecoder log-likelihood", logits => new BernoulliDecoder().LogLikelihood(logits, Tensor.From(new double[,] { { 1, 0, 1 }, { 0, 0, 1 } }).To(logits.DType)),
            () => Normal(1510, 2, 3)),
        Binary("GaussianDecoder log-likelihood", (mean, x) => new GaussianDecoder(0.7).LogLikelihood(mean, x), () => Normal(1511, 2, 3), () => Normal(1512, 2, 3)),
        new OpInfo("Vae IWAE bound, K = 3", x => TinyVae().Iwae(x[0].To(DType.Float64), x[1].To(DType.Float64)), () => [Normal(1513, 2, 3), Normal(1514, 3, 2, 1)]) with { Float32 = false },
        Binary("GanLosses.Discriminator", GanLosses.Discriminator, () => Normal(1515, 4), () => Normal(1516, 3)),
        Unary("GanLosses.GeneratorMinimax", GanLosses.GeneratorMinimax, () => Normal(1517, 4)),
        Unary("GanLosses.GeneratorNonSaturating", GanLosses.GeneratorNonSaturating, () => Normal(1518, 4)),
        Binary("GanLosses.EbganDiscriminator", (real, fake) => GanLosses.EbganDiscriminator(real, fake, margin: 1.3), () => Positive(1519, 3), () => Positive(1520, 3)),
        Unary("BernoulliRbm free energy", v => FixedRbm(new BernoulliRbm(3, 2, DType.Float64)).FreeEnergy(v.To(DType.Float64)), () => Normal(1521, 2, 3)) with { Float32 = false },
        Unary("Nade log-likelihood", v => RandomNade().LogLikelihood(v.To(DType.Float64)), () => Normal(1523, 2, 4)) with { Float32 = false },
        Unary("EnergyLosses.Hinge", e => EnergyLosses.Hinge(e, EnergyLabels(e), margin: 5), () => Distinct(1524, 3, 3)),
        Unary("EnergyLosses.Log", e => EnergyLosses.Log(e, EnergyLabels(e)), () => Distinct(1525, 3, 3)),
        Unary("EnergyLosses.Perceptron", e => EnergyLosses.Perceptron(e, EnergyLabels(e)), () => Distinct(1526, 3, 3)),
        Unary("EnergyLosses.NegativeLogLikelihood", e => EnergyLosses.NegativeLogLikelihood(e, EnergyLabels(e), beta: 0.7), () => Normal(1527, 3, 3)),
        Unary("GaussianBernoulliRbm free energy", v => FixedRbm(new GaussianBernoulliRbm(3, 2, DType.Float64)).FreeEnergy(v.To(DType.Float64)), () => Normal(1522, 2, 3)) with { Float32 = false },
        Binary("PredictiveSparseDecomposition energy", (x, h) => new PredictiveSparseDecomposition(3, 2, sparsity: 0.3, predictionWeight: 0.7, DType.Float64, new Generator(1536))
            .Energy(x.To(DType.Float64), h.To(DType.Float64)), () => Normal(1537, 2, 3), () => Normal(1538, 2, 2)) with { Float32 = false },
        Unary("DeepBeliefNetwork upward pass", v => new DeepBeliefNetwork(FixedRbm(new BernoulliRbm(3, 2, DType.Float64)), new BernoulliRbm(2, 2, DType.Float64, new Generator(1539)))
            .Up(v.To(DType.Float64)), () => Normal(1540, 2, 3)) with { Float32 = false },
        Unary("PseudoLikelihood of a BernoulliRbm", v => PseudoLikelihood.LogPseudoLikelihood(FixedRbm(new BernoulliRbm(3, 2, DType.Float64)), v.To(DType.Float64)),
            () => Normal(1541, 2, 3)) with { Float32 = false },
        new OpInfo("DeepBoltzmannMachine energy", x => RandomDbm().Energy(x[0].To(DType.Float64), x[1].To(DType.Float64), x[2].To(DType.Float64)),
            () => [Normal(1542, 2, 3), Normal(1543, 2, 2), Normal(1544, 2, 2)]) with { Float32 = false },
        Unary("DeepBoltzmannMachine exact log p̃(v)", v => ExactPartitionFunction.LogUnnormalisedProbability(RandomDbm(), v.To(DType.Float64)),
            () => Normal(1545, 2, 3)) with { Float32 = false },
        Unary("RatioMatching of a BernoulliRbm", v => RatioMatching.Loss(FixedRbm(new BernoulliRbm(3, 2, DType.Float64)), v.To(DType.Float64)),
            () => Normal(1547, 2, 3)) with { Float32 = false },
        // Score matching differentiates w.r.t. the data inside, so the entry's inputs are the Gaussian's μ and A.
        Binary("ScoreMatching of a Gaussian energy", (mean, factor) => ScoreMatching.Loss(x => (x - mean).MatMul(factor).Square().Sum(1) * -0.5,
            Tensor.From(new double[,] { { 0.3, -1.2 }, { 1.5, 0.4 }, { -0.7, 0.9 } }).To(mean.DType).To(mean.Device)),
            () => Normal(1548, 2), () => Normal(1549, 2, 2)) with { Float32 = false },
    ];

    private static DeepBoltzmannMachine RandomDbm()
    {
        var dbm = new DeepBoltzmannMachine(3, 2, 2, DType.Float64);
        using (Autograd.NoGrad())
            foreach (var p in dbm.Parameters()) p.CopyFrom(Tensor.Randn(p.Shape, DType.Float64, new Generator(1546)));
        return dbm;
    }

    private static Linear TiedEncoder() => new(3, 2, dtype: DType.Float64, generator: new Generator(1530));

    private static Vae TinyVae()
    {
        var g = new Generator(1531);
        return new Vae(new Linear(3, 2, dtype: DType.Float64, generator: g), new Linear(1, 3, dtype: DType.Float64, generator: g), 1, new GaussianDecoder(0.8));
    }

    /// <summary>Labels 2, 0, 1 as a constant on the energies' device.</summary>
    private static Tensor EnergyLabels(Tensor energies) => Tensor.From(new long[] { 2, 0, 1 }).To(energies.Device);

    private static Nade RandomNade()
    {
        var nade = new Nade(4, 3, DType.Float64);
        using (Autograd.NoGrad())
            foreach (var p in nade.Parameters()) p.CopyFrom(Tensor.Randn(p.Shape, DType.Float64, new Generator(1535)));
        return nade;
    }

    private static T FixedRbm<T>(T rbm) where T : Rbm
    {
        using (Autograd.NoGrad())
        {
            rbm.Weight.CopyFrom(Tensor.Randn([2, 3], DType.Float64, new Generator(1532)));
            rbm.VisibleBias.CopyFrom(Tensor.Randn([3], DType.Float64, new Generator(1533)));
            rbm.HiddenBias.CopyFrom(Tensor.Randn([2], DType.Float64, new Generator(1534)));
        }
        return rbm;
    }
}
