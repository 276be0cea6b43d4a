using Sharpgrad.Generative;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Tests.Generative;

/// <summary>GBC §20.10.4: the adversarial losses, the optimal discriminator, DCGAN's layout, and the alternating trainer.</summary>
public class GanTests
{
    [Fact]
    public void LossesAtAnUndecidedDiscriminator()
    {
        var half = Tensor.Zeros([4], DType.Float64); // D = σ(0) = ½
        Assert.Equal(2 * Math.Log(2), GanLosses.Discriminator(half, half).Item(), 14);
        Assert.Equal(-Math.Log(2), GanLosses.GeneratorMinimax(half).Item(), 14);          // log(1 − ½)
        Assert.Equal(Math.Log(2), GanLosses.GeneratorNonSaturating(half).Item(), 14);     // −log ½
    }

    [Fact]
    public void TheMinimaxGeneratorGradientSaturatesWhereTheNonSaturatingOneDoesNot()
    {
        // A confident discriminator, D(G(z)) = σ(−5): d/dl log(1 − σ(l)) = −σ(l), d/dl −log σ(l) = −σ(−l).
        var minimaxLogit = Tensor.Full([1], -5.0, DType.Float64).RequireGrad();
        GanLosses.GeneratorMinimax(minimaxLogit).Backward();
        var nsLogit = Tensor.Full([1], -5.0, DType.Float64).RequireGrad();
        GanLosses.GeneratorNonSaturating(nsLogit).Backward();
        double sigma = 1 / (1 + Math.Exp(5));
        Assert.Equal(-sigma, minimaxLogit.Grad!.Item(), 14);
        Assert.Equal(-(1 - sigma), nsLogit.Grad!.Item(), 14);
    }

    [Fact]
    public void EbganLossesFollowTheHingeOnTheMargin()
    {
        var real = Tensor.From(new[] { 0.5, 1.5 });
        var fake = Tensor.From(new[] { 0.2, 3.0 });
        // L_D = mean(0.5, 1.5) + mean([2 − 0.2]₊, [2 − 3]₊) = 1 + 0.9; L_G = mean(0.2, 3) = 1.6
        Assert.Equal(1.9, GanLosses.EbganDiscriminator(real, fake, margin: 2).Item(), 14);
        Assert.Equal(1.6, GanLosses.EbganGenerator(fake).Item(), 14);
        Assert.Throws<ArgumentOutOfRangeException>(() => GanLosses.EbganDiscriminator(real, fake, margin: 0));
    }

    [Fact]
    public void ATrainedDiscriminatorApproachesTheOptimalOne()
    {
        // p_data = N(0, 1), p_g = N(1, 0.5²): D*(x) = p_data/(p_data + p_g) (GBC eq. 20.83), compared at several points.
        var g = new Generator(20);
        var d = new Sequential(new Linear(1, 16, dtype: DType.Float64, generator: g), new Tanh(), new Linear(16, 1, dtype: DType.Float64, generator: g), new Flatten(0));
        var opt = new Adam(d.Parameters(), lr: 0.01);
        for (int step = 0; step < 500; step++)
        {
            var real = Tensor.Randn([256, 1], DType.Float64, g);
            var fake = Tensor.Randn([256, 1], DType.Float64, g) * 0.5 + 1;
            var loss = GanLosses.Discriminator(d.Forward(real), d.Forward(fake));
            opt.ZeroGrad();
            loss.Backward();
            opt.Step();
        }
        static double Density(double x, double mu, double sigma) => Math.Exp(-0.5 * Math.Pow((x - mu) / sigma, 2)) / (sigma * Math.Sqrt(2 * Math.PI));
        double[] points = [-0.5, 0, 0.5, 1, 1.5];
        var trained = d.Forward(Tensor.From(points).Reshape(5, 1)).Sigmoid().ToArray<double>();
        for (int i = 0; i < points.Length; i++)
        {
            double optimal = Density(points[i], 0, 1) / (Density(points[i], 0, 1) + Density(points[i], 1, 0.5));
            Assert.True(Math.Abs(trained[i] - optimal) < 0.05, $"x = {points[i]}: D = {trained[i]:F4}, D* = {optimal:F4}");
        }
    }

    [Fact]
    public void DcganMapsCodesToImagesAndImagesToLogits()
    {
        var generatorNet = Dcgan.CreateGenerator(latentSize: 8, features: 4, generator: new Generator(1));
        var discriminator = Dcgan.CreateDiscriminator(features: 4, generator: new Generator(2));
        var images = generatorNet.Forward(Tensor.Randn([3, 8, 1, 1], DType.Float32, new Generator(3)));
        Assert.Equal([3, 1, 28, 28], images.Shape.ToArray());
        Assert.True(images.Abs().Max().Item() <= 1);
        Assert.Equal([3], discriminator.Forward(images).Shape.ToArray());

        // Batch norm everywhere but the generator's output and the discriminator's input (Radford et al. 2016).
        Assert.IsType<BatchNorm2d>(generatorNet[1]);
        Assert.IsType<ConvTranspose2d>(generatorNet[^2]);
        Assert.IsType<Tanh>(generatorNet[^1]);
        Assert.IsType<LeakyReLU>(discriminator[1]);
        Assert.IsType<BatchNorm2d>(discriminator[3]);
        Assert.InRange(((Conv2d)discriminator[0]).Weight.Std().Item(), 0.01, 0.03); // N(0, 0.02)
    }

    private static GanTrainer TinyGan(int seed)
    {
        var g = new Generator(seed);
        var generatorNet = new Sequential(new Linear(2, 4, dtype: DType.Float64, generator: g), new ReLU(), new Linear(4, 1, dtype: DType.Float64, generator: g));
        var discriminator = new Sequential(new Linear(1, 4, dtype: DType.Float64, generator: g), new LeakyReLU(0.2), new Linear(4, 1, dtype: DType.Float64, generator: g), new Flatten(0));
        return new GanTrainer(generatorNet, discriminator, new Adam(generatorNet.Parameters(), lr: 1e-2), new Adam(discriminator.Parameters(), lr: 1e-2),
            [2], GanLoss.NonSaturating, new Generator(seed + 1));
    }

    private static Tensor RealBatch(int step) => Tensor.Randn([8, 1], DType.Float64, new Generator(1000 + step)) + 3;

    [Fact]
    public void ResumingFromTheStateDictContinuesBitForBit()
    {
        var run = TinyGan(1);
        for (int s = 0; s < 3; s++) run.Step(RealBatch(s));
        var saved = run.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Clone());
        var expected = Enumerable.Range(3, 2).Select(s => run.Step(RealBatch(s))).ToArray();

        var resumed = TinyGan(99);
        resumed.LoadStateDict(saved);
        Assert.Equal(3, resumed.Steps);
        var actual = Enumerable.Range(3, 2).Select(s => resumed.Step(RealBatch(s))).ToArray();
        Assert.Equal(expected, actual);
        Assert.Equal(run.GeneratorNet.Parameters().SelectMany(p => p.ToArray<double>()), resumed.GeneratorNet.Parameters().SelectMany(p => p.ToArray<double>()));
    }

    [Fact]
    public void ANaNLossStopsTrainingAtTheStepItAppears()
    {
        var run = TinyGan(2);
        run.Step(RealBatch(0));
        run.Step(RealBatch(1));
        var before = run.Discriminator.Parameters().SelectMany(p => p.ToArray<double>()).ToArray();
        var error = Assert.Throws<InvalidOperationException>(() => run.Step(Tensor.Full([8, 1], double.NaN, DType.Float64)));
        Assert.Contains("discriminator loss became NaN at step 3", error.Message);
        Assert.Equal(before, run.Discriminator.Parameters().SelectMany(p => p.ToArray<double>()));
        Assert.Equal(2, run.Steps);
    }

    [Fact]
    public void GeneratorSamplesOfTheWrongShapeAreNamed()
    {
        var run = TinyGan(3);
        var error = Assert.Throws<ArgumentException>(() => run.Step(Tensor.Zeros([8, 2], DType.Float64)));
        Assert.Contains("[8, 1]", error.Message);
        Assert.Contains("[8, 2]", error.Message);
    }
}
