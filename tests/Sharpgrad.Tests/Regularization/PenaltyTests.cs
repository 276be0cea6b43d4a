using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Regularization;
using Sharpgrad.Tests.Training;
using Sharpgrad.Training;

namespace Sharpgrad.Tests.Regularization;

/// <summary>Parameter norm penalties, GBC §7.1, checked against the book's closed-form solutions.</summary>
public class PenaltyTests
{
    /// <summary>A model that is nothing but a parameter vector w, for optimising closed-form objectives.</summary>
    private sealed class Point : Module<Tensor, Tensor>
    {
        public Point(double[] start) => W = RegisterParameter("w", Tensor.FromArray(start, start.Length));

        public Tensor W { get; }

        protected override Tensor ForwardCore(Tensor input) => W;
    }

    /// <summary>Minimises J(w) + Ω(w) by gradient descent with learning rate lr(t), in float64.</summary>
    private static double[] Minimise(Func<Tensor, Tensor> objective, IPenalty penalty, int dimensions, int steps, Func<int, double> lr)
    {
        var point = new Point(new double[dimensions]);
        var optimizer = new SGD(point.Parameters(), lr: lr(0));
        for (int t = 0; t < steps; t++)
        {
            optimizer.Lr = lr(t);
            var loss = objective(point.W) + penalty.Compute(point);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
        }
        return point.W.ToArray<double>();
    }

    /// <summary>
    /// GBC §7.1.1, eq. 7.13: for J = ½(w − w*)ᵀH(w − w*) with H = QΛQᵀ, the minimiser of J + (α/2)‖w‖² is
    /// w̃ = Q(Λ + αI)⁻¹ΛQᵀw*, so its component along eigenvector qᵢ is λᵢ/(λᵢ + α) times that of w*.
    /// </summary>
    [Fact]
    public void L2ShrinksEachEigenComponentByLambdaOverLambdaPlusAlpha()
    {
        // A symmetric orthogonal Q (its rows are orthonormal) and eigenvalues spanning two orders of magnitude.
        var q = Tensor.From(new double[,] { { 1, 2, 2 }, { 2, 1, -2 }, { 2, -2, 1 } }) / 3;
        double[] lambda = [0.5, 2, 8];
        const double alpha = 1;
        var hessian = q.MatMul(Tensor.FromArray(lambda, 3).Unsqueeze(1) * q.T); // QΛQᵀ with eigenvectors as columns of Q
        var optimum = Tensor.FromArray(new[] { 1.0, -2.0, 0.5 }, 3);

        var w = Minimise(x =>
        {
            var d = (x - optimum).Unsqueeze(1);
            return (d.T.MatMul(hessian).MatMul(d)).Sum() * 0.5;
        }, new L2Penalty(alpha, ParameterSelection.All), 3, steps: 200, lr: _ => 0.15);

        var componentsOfSolution = q.T.MatMul(Tensor.FromArray(w, 3)).ToArray<double>();
        var componentsOfOptimum = q.T.MatMul(optimum).ToArray<double>();
        for (int i = 0; i < 3; i++)
            Assert.Equal(lambda[i] / (lambda[i] + alpha) * componentsOfOptimum[i], componentsOfSolution[i], 10);
    }

    /// <summary>
    /// GBC §7.1.2, eq. 7.23: with a diagonal Hessian, the minimiser of J + α‖w‖₁ is
    /// wᵢ = sign(wᵢ*)·max(|wᵢ*| − α/Hᵢᵢ, 0): soft thresholding, with exact zeros where |wᵢ*| ≤ α/Hᵢᵢ.
    /// </summary>
    [Fact]
    public void L1SoftThresholdsEachWeightByAlphaOverItsCurvature()
    {
        double[] h = [1, 2, 4, 1, 0.5];
        double[] optimum = [2, 0.3, -1.5, -0.2, 0.2];
        const double alpha = 0.5;
        var hTensor = Tensor.FromArray(h, 5);
        var optimumTensor = Tensor.FromArray(optimum, 5);

        // The subgradient steps oscillate around the kink at 0 with an amplitude ~ lr·α, so the rate decays like 1/t.
        var w = Minimise(x => ((x - optimumTensor).Square() * hTensor).Sum() * 0.5, new L1Penalty(alpha, ParameterSelection.All), 5,
            steps: 2000, lr: t => 0.3 / (1 + t / 20.0));

        for (int i = 0; i < 5; i++)
        {
            double expected = Math.Sign(optimum[i]) * Math.Max(Math.Abs(optimum[i]) - alpha / h[i], 0);
            Assert.True(Math.Abs(w[i] - expected) < 2e-3, $"w[{i}] = {w[i]}, expected {expected}");
        }
    }

    [Fact]
    public void PenaltiesTouchOnlyTheWeightsByDefaultAndTakePerLayerCoefficients()
    {
        var model = new Sequential(new Linear(3, 4, generator: new Generator(1)), new ReLU(), new Linear(4, 2, generator: new Generator(2)));
        var w0 = ((Linear)model[0]).Weight;
        var w2 = ((Linear)model[2]).Weight;

        // Default: α/2·(‖W₀‖² + ‖W₂‖²), biases excluded; its gradient is αW, exactly what weight_decay = α adds.
        var l2 = new L2Penalty(0.1);
        l2.Compute(model).Backward();
        Assert.Null(((Linear)model[0]).Bias!.Grad);
        Assert.True(w0.Grad!.AllClose(w0 * 0.1, 1e-6, 1e-7));
        Assert.Equal(0.05 * (w0.Square().Sum().Item() + w2.Square().Sum().Item()), l2.Compute(model).Item(), 5);

        // Per layer: the longest matching name wins, and α = 0 switches a layer off.
        var perLayer = new L1Penalty(1.0, layerAlphas: new Dictionary<string, double> { ["2"] = 0, ["2.weight"] = 3 });
        Assert.Equal(1.0, perLayer.AlphaFor("0.weight"));
        Assert.Equal(3.0, perLayer.AlphaFor("2.weight"));
        Assert.Equal(0.0, perLayer.AlphaFor("2.bias"));
        Assert.Equal(w0.Abs().Sum().Item() + 3 * w2.Abs().Sum().Item(), perLayer.Compute(model).Item(), 4);

        var (selected, others) = ParameterSelection.Weights.Partition(model);
        Assert.Equal(2, selected.Count);
        Assert.All(others, p => Assert.Equal(1, p.Rank));
        Assert.Contains("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new L2Penalty(-1)).Message);
    }

    [Fact]
    public void ATrainerPenaltyActsLikeTheOptimizersWeightDecay()
    {
        // SGD's weight_decay λ adds λθ to the gradient: the gradient of (λ/2)‖θ‖². On the weights-only parameter group
        // it must give the same parameters as an L2Penalty(λ) added to the loss.
        var data = SmallProblems.Blobs(30, seed: 1);
        var viaPenalty = SmallProblems.Mlp(seed: 2);
        new Trainer { Penalties = { new L2Penalty(0.05) } }.Fit(viaPenalty, SmallProblems.CrossEntropy,
            new SGD(viaPenalty.Parameters(), lr: 0.1), data, epochs: 2, batchSize: 10);

        var viaDecay = SmallProblems.Mlp(seed: 2);
        var (weights, biases) = ParameterSelection.Weights.Partition(viaDecay);
        var optimizer = new SGD(weights, lr: 0.1, weightDecay: 0.05);
        optimizer.AddParamGroup(biases, new Dictionary<string, double> { ["weight_decay"] = 0 });
        new Trainer().Fit(viaDecay, SmallProblems.CrossEntropy, optimizer, data, epochs: 2, batchSize: 10);

        foreach (var (name, value) in viaPenalty.StateDict())
            Assert.True(value.AllClose(viaDecay.StateDict()[name], 1e-5, 1e-6), name);
    }

    [Fact]
    public void PenaltiesPassGradCheck()
    {
        // Away from w = 0, where |w| has its kink.
        var w = Tensor.FromArray(new[] { 0.5, -1.2, 2.0, -0.3, 0.7, 1.1 }, 2, 3).RequireGrad();
        GradCheck.Assert(inputs => new L2Penalty(0.3).Compute(new Holder(inputs[0])), w);
        GradCheck.Assert(inputs => new L1Penalty(0.3).Compute(new Holder(inputs[0])), w);
    }

    /// <summary>A module whose only parameter is the given tensor, so GradCheck's perturbed copies become the weights.</summary>
    private sealed class Holder : Module
    {
        public Holder(Tensor weight) => RegisterParameter("weight", weight);

    }
}
