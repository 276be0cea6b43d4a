using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Training;

namespace Sharpgrad.Tests.Training;

/// <summary>Training diagnostics, GBC §11.5 and §8.2.1.</summary>
public class DiagnosticsTests
{
    [Fact]
    public void HistogramBinsAreHalfOpenExceptTheLastAsInNumpy()
    {
        var values = Tensor.FromArray(new[] { 0.0, 0.1, 0.5, 0.99, 1.0 }, 5);
        var h = Histogram.Of(values, bins: 2);
        Assert.Equal([0.0, 0.5, 1.0], h.Edges);
        Assert.Equal([2L, 3L], h.Counts); // 0.5 opens the second bin; 1.0 closes it

        // An explicit range leaves out what lies outside it.
        var clipped = Histogram.Of(Tensor.FromArray(new[] { -5f, 0.2f, 0.7f, 0.8f, 9f }, 5), bins: 4, min: 0, max: 1);
        Assert.Equal([1L, 0L, 1L, 1L], clipped.Counts); // bins [0, .25), [.25, .5), [.5, .75), [.75, 1]
        Assert.Equal(3, clipped.Total);

        // A constant tensor gets the range value ± 0.5 (numpy's rule), all in the middle bin.
        var constant = Histogram.Of(Tensor.Full([4], 2.0, DType.Float64), bins: 3);
        Assert.Equal(1.5, constant.Edges[0]);
        Assert.Equal([0L, 4L, 0L], constant.Counts);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => Histogram.Of(Tensor.FromArray(new[] { 1.0, double.NaN }, 2))).Message);
    }

    /// <summary>
    /// A network built so that we know which ReLUs are dead: in the first layer units 0 and 2 have bias −100 and
    /// weights of size ≤ 1, so for inputs in [−1, 1]² they are negative for every example; in the second layer, one of
    /// three units is fed only by those dead units and has a negative bias.
    /// </summary>
    [Fact]
    public void DeadReluFractionOnAConstructedNetwork()
    {
        var first = new Linear(2, 4, dtype: DType.Float64);
        var second = new Linear(4, 3, dtype: DType.Float64);
        using (Autograd.NoGrad())
        {
            first.Weight.CopyFrom(Tensor.From(new double[,] { { 1, 0 }, { 1, 1 }, { 0, -1 }, { -1, 1 } }));
            first.Bias!.CopyFrom(Tensor.FromArray(new[] { -100.0, 3, -100, 3 }, 4));
            second.Weight.CopyFrom(Tensor.From(new double[,] { { 1, 0, 1, 0 }, { 0, 1, 0, 0 }, { 0, 0, 0, 1 } }));
            second.Bias!.CopyFrom(Tensor.FromArray(new[] { -1.0, 0, 0 }, 3));
        }
        var model = new Sequential(first, new ReLU(), second, new ReLU());
        var x = Tensor.Rand([50, 2], DType.Float64, new Generator(1)) * 2 - 1;

        var fractions = ActivationStatistics.DeadReluFractions(model, x);
        Assert.Equal([("1", 0.5), ("3", 1.0 / 3)], fractions);
        Assert.Equal(0, ActivationStatistics.DeadFraction(Tensor.Ones(3, 4)));
        Assert.Equal(0.25, ActivationStatistics.ZeroFraction(Tensor.From(new double[,] { { 0, 1 }, { 2, 3 } })));
    }

    [Fact]
    public void TheProbeNamesLayersLikeTheirParametersAndRestoresTheMode()
    {
        var model = new Sequential(new Linear(2, 3), new Sequential(new ReLU(), new Dropout(0.5)), new Linear(3, 1));
        var activations = ActivationProbe.Record(model, Tensor.Ones(4, 2));
        Assert.Equal(["0", "1.0", "1.1", "2"], activations.Select(a => a.Name));
        Assert.True(activations[1].Output.AllClose(activations[2].Output)); // eval mode: dropout is the identity
        Assert.True(model.IsTraining);
        Assert.Equal(12, Histogram.Of(activations[0].Output).Total);
    }

    [Fact]
    public void DeadUnitsAreFoundInsideABlockThatIsNotASequential()
    {
        // relu(x + relu(x·[1, 0])) on x ∈ {+1, −1}: the inner ReLU's second unit is x·0 = 0 for every example, so half
        // its units are dead; the outer one sees x + relu(...) = [2, 1] for x = 1, so none of its units is.
        var block = new ResidualRelu();
        var x = Tensor.From(new double[,] { { 1 }, { -1 }, { 1 }, { -1 } });
        var fractions = ActivationStatistics.DeadReluFractions(block, x);
        Assert.Equal([("inner", 0.5), ("outer", 0.0)], fractions);
        Assert.Equal(["scale", "inner", "outer"], ActivationProbe.Record(block, x).Select(a => a.Name));
    }

    /// <summary>y = relu(x + relu(scale(x))), scale a fixed 1 → 2 linear map with weights [1, 0].</summary>
    private sealed class ResidualRelu : Module<Tensor, Tensor>
    {
        private readonly Linear scale;
        private readonly ReLU inner, outer;

        public ResidualRelu()
        {
            scale = RegisterModule("scale", new Linear(1, 2, bias: false, dtype: DType.Float64));
            using (Autograd.NoGrad()) scale.Weight.CopyFrom(Tensor.From(new double[,] { { 1 }, { 0 } }));
            inner = RegisterModule("inner", new ReLU());
            outer = RegisterModule("outer", new ReLU());
        }

        protected override Tensor ForwardCore(Tensor x) => outer.Forward(x + inner.Forward(scale.Forward(x)));
    }

    /// <summary>
    /// f(u, v) = ½wᵀAw + bᵀw for w = (u₁, u₂, v) split over two parameter tensors, so H = A has blocks across them.
    /// Then Hv = Av and gᵀHg = (Aw + b)ᵀA(Aw + b), computed here from the explicit matrix.
    /// </summary>
    [Fact]
    public void GtHgMatchesTheExplicitHessianOnAQuadratic()
    {
        var a = Tensor.From(new double[,] { { 4, 1, 0.5 }, { 1, 3, -1 }, { 0.5, -1, 2 } });
        var b = Tensor.FromArray(new[] { 0.3, -0.7, 1.1 }, 3);
        var u = Tensor.FromArray(new[] { 0.5, -1.0 }, 2).RequireGrad();
        var v = Tensor.FromArray(new[] { 2.0 }, 1).RequireGrad();
        Tensor Loss()
        {
            var w = Tensor.Cat([u, v], 0);
            return (w * a.MatMul(w)).Sum() * 0.5 + (b * w).Sum();
        }

        var w0 = Tensor.FromArray(new[] { 0.5, -1.0, 2.0 }, 3);
        var g = a.MatMul(w0) + b;
        var report = Curvature.GradientCurvature(Loss(), [u, v], learningRate: 0.1);
        double gtg = (g * g).Sum().Item(), gthg = (g * a.MatMul(g)).Sum().Item();
        Assert.Equal(gtg, report.GradientNormSquared, 12);
        Assert.Equal(gthg, report.GradientCurvature, 12);
        Assert.Equal(-0.1 * gtg + 0.5 * 0.01 * gthg, report.PredictedChange, 12);

        var direction = Tensor.FromArray(new[] { 1.0, 2.0, -1.0 }, 3);
        var hv = Curvature.HessianVectorProduct(Loss(), [u, v], [direction[0..2], direction[2..3]]);
        Assert.True(Tensor.Cat(hv, 0).AllClose(a.MatMul(direction), 1e-12, 1e-12));
    }

    [Fact]
    public void GtHgOfANonQuadraticMatchesItsClosedForm()
    {
        // f(w) = Σ exp(wᵢ): g = exp(w), H = diag(exp(w)), so gᵀHg = Σ exp(3wᵢ).
        var w = Tensor.FromArray(new[] { -0.5, 0.2, 1.0 }, 3).RequireGrad();
        var report = Curvature.GradientCurvature(w.Exp().Sum(), [w]);
        Assert.Equal(new[] { -1.5, 0.6, 3.0 }.Sum(Math.Exp), report.GradientCurvature, 12);
        Assert.Equal(new[] { -1.0, 0.4, 2.0 }.Sum(Math.Exp), report.GradientNormSquared, 12);
    }

    /// <summary>GBC eq. 8.10: a step −εg changes the cost by −εgᵀg + ½ε²gᵀHg up to O(ε³).</summary>
    [Fact]
    public void ThePredictedChangeMatchesAnActualSmallStep()
    {
        var data = SmallProblems.Blobs(20, seed: 1);
        var model = SmallProblems.Mlp(seed: 2);
        var parameters = model.Parameters().Select(p => p.Double().Detach().RequireGrad()).ToList();
        Tensor Loss(IReadOnlyList<Tensor> ps)
        {
            var h = Functional.Linear(data.Inputs.Double(), ps[0], ps[1]).Relu();
            return Losses.CrossEntropy(Functional.Linear(h, ps[2], ps[3]), data.Targets);
        }

        const double lr = 0.05;
        var report = Curvature.GradientCurvature(Loss(parameters), parameters, lr);
        var gradients = Autograd.Grad([Loss(parameters)], parameters);
        var stepped = parameters.Zip(gradients, (p, g) => (p - g * lr).Detach()).ToList();
        double actual = Loss(stepped).Item() - Loss(parameters).Item();

        Assert.True(report.PredictedChange < 0);
        Assert.Equal(actual, report.PredictedChange, Math.Abs(report.PredictedChange) * 0.05);
    }

    [Fact]
    public void MonitorsRecordGradientNormsUpdateRatiosAndCurvature()
    {
        var data = SmallProblems.Blobs(16, seed: 1);
        var model = SmallProblems.Mlp(seed: 2);
        var before = model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Clone());
        var norms = new GradientNormMonitor();
        var ratios = new UpdateRatioMonitor();
        var curvature = new CurvatureMonitor(data.Inputs, data.Targets);
        const double lr = 0.1;

        // One full-batch epoch: one plain SGD step, so ‖Δθ‖ = lr·‖g‖ exactly.
        new Trainer().Fit(model, SmallProblems.CrossEntropy, new SGD(model.Parameters(), lr), data, epochs: 1, batchSize: 16,
            callbacks: [norms, ratios, curvature]);

        Assert.Equal(1, norms.Records.Single().Step);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], norms.Records[0].Norms.Select(n => n.Name));
        foreach (var ((name, gradientNorm), (_, ratio)) in norms.Records[0].Norms.Zip(ratios.Records.Single().Ratios))
            Assert.Equal(lr * gradientNorm / before[name].Norm().Item(), ratio, 1e-6 * ratio);
        var (epoch, report) = curvature.Records.Single();
        Assert.Equal(1, epoch);
        Assert.True(report.GradientNormSquared > 0 && report.GradientCurvature > 0);
        Assert.Equal(-lr * report.GradientNormSquared + 0.5 * lr * lr * report.GradientCurvature, report.PredictedChange, 12);
        Assert.Equal(model.Parameters().Sum(p => p.Count), GradientStatistics.Histogram(model).Total);
    }
}
