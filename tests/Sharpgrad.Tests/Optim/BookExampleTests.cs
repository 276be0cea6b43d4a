using Sharpgrad.Optim;

namespace Sharpgrad.Tests.Optim;

/// <summary>The books' worked examples and closed forms for the first-order optimisers (GBC §8.3–8.5, CLS).</summary>
public class BookExampleTests
{
    [Fact]
    public void GradientDescentOnTheBooksQuadraticZigZagsToTheOrigin()
    {
        // CLS Fig. 3.21: F(x) = ½(x₁² + 5x₂²) from (−3, 2) with α = 1/3. Each step multiplies x₁ by 1 − α = 2/3 and
        // x₂ by 1 − 5α = −2/3, so x₂ flips sign every step: the zig-zag of an ill-conditioned quadratic (GBC §4.3).
        var x = Tensor.From(new[] { -3.0, 2.0 }).RequireGrad();
        var opt = new SGD([x], lr: 1.0 / 3);
        double previousX2 = 2;
        for (int k = 1; k <= 20; k++)
        {
            opt.ZeroGrad();
            (0.5 * (x * x * Tensor.From(new[] { 1.0, 5.0 })).Sum()).Backward();
            opt.Step();
            var v = x.ToArray<double>();
            Assert.True(Math.Sign(v[1]) == -Math.Sign(previousX2), $"step {k}: x₂ = {v[1]} did not change sign");
            previousX2 = v[1];
            Assert.Equal(-3 * Math.Pow(2.0 / 3, k), v[0], 12);
            Assert.Equal(2 * Math.Pow(-2.0 / 3, k), v[1], 12);
        }
        // "Within 1e-3 of the origin" holds coordinate-wise: |x₁| = 3(2/3)²⁰ ≈ 9.0e-4, |x₂| = 2(2/3)²⁰ ≈ 6.0e-4
        // (the Euclidean distance is 1.08e-3).
        Assert.True(x.Abs().Max().Item() < 1e-3, $"after 20 steps x = {x}");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void MomentumStepTendsToTerminalVelocity(double alpha)
    {
        // GBC §8.3.2: with a constant gradient g, momentum accelerates until each step is ε‖g‖/(1 − α).
        const double lr = 0.01;
        var g = Tensor.From(new[] { 3.0, -4.0 }); // ‖g‖ = 5
        var x = Tensor.Zeros([2], DType.Float64).RequireGrad();
        var opt = new SGD([x], lr, momentum: alpha);
        var before = x.Clone();
        int steps = (int)Math.Ceiling(Math.Log(1e-12) / Math.Log(alpha)); // until αᵗ < 1e-12
        for (int k = 0; k < steps; k++)
        {
            before = x.Clone();
            x.Grad = g;
            opt.Step();
        }
        double step = (x - before).Norm().Item();
        Assert.Equal(lr * 5 / (1 - alpha), step, 1e-9 * step);
    }

    [Fact]
    public void AdamsFirstStepHasSizeLrWhateverTheGradientScale()
    {
        // GBC Alg. 8.7 at t = 1: the bias-corrected moments are ŝ = g and r̂ = g⊙g, so Δθ = −ε g/(|g| + δ).
        // Without dividing by the bias corrections the first step would be (1 − ρ₁)/√(1 − ρ₂) ≈ 3.2 times larger.
        double[] g = [1000, -0.001, 3];
        var x = Tensor.Zeros([3], DType.Float64).RequireGrad();
        var opt = new Adam([x], lr: 0.1);
        x.Grad = Tensor.From(g);
        opt.Step();
        var v = x.ToArray<double>();
        for (int i = 0; i < 3; i++) Assert.Equal(-0.1 * g[i] / (Math.Abs(g[i]) + 1e-8), v[i], 14);
    }

    [Fact]
    public void AdagradStepShrinksAsOneOverRootT()
    {
        // GBC Alg. 8.4 with a constant gradient: r = t·g², so step t moves ε·g/(√t·|g| + δ).
        const double lr = 0.1, g = -2;
        var x = Tensor.Zeros([1], DType.Float64).RequireGrad();
        var opt = new Adagrad([x], lr);
        double expected = 0;
        for (int t = 1; t <= 5; t++)
        {
            x.Grad = Tensor.From(new[] { g });
            opt.Step();
            expected -= lr * g / (Math.Sqrt(t) * Math.Abs(g) + 1e-10);
            Assert.Equal(expected, x.Item(), 14);
        }
    }

    [Fact]
    public void AdamWDecaysWeightsIndependentlyOfTheGradient()
    {
        // With a zero gradient Adam's moments stay 0, so AdamW's only effect is the decoupled decay θ ← θ(1 − ελ).
        // Adam's L2 decay instead feeds λθ through the adaptive denominator, which normalises it away: every weight
        // moves by about ε per step, large or small (4 → 3.99, −0.5 → −0.49, where AdamW gives 3.98 and −0.4975).
        const double lr = 0.01, lambda = 0.5;
        var w = Tensor.From(new[] { 4.0, -0.5 }).RequireGrad();
        var l2 = Tensor.From(new[] { 4.0, -0.5 }).RequireGrad();
        var decoupled = new AdamW([w], lr, weightDecay: lambda);
        var coupled = new Adam([l2], lr, weightDecay: lambda);
        for (int t = 1; t <= 3; t++)
        {
            w.Grad = Tensor.Zeros([2], DType.Float64);
            l2.Grad = Tensor.Zeros([2], DType.Float64);
            decoupled.Step();
            coupled.Step();
            Assert.Equal(4 * Math.Pow(1 - lr * lambda, t), w.ToArray<double>()[0], 14);
            Assert.Equal(-0.5 * Math.Pow(1 - lr * lambda, t), w.ToArray<double>()[1], 14);
            Assert.Equal(4 - lr * t, l2.ToArray<double>()[0], 1e-4);
            Assert.Equal(-0.5 + lr * t, l2.ToArray<double>()[1], 1e-4);
        }
    }

    [Fact]
    public void NAdamFollowsItsDocumentedUpdate()
    {
        // Dozat (2016) / torch.optim.NAdam's documented algorithm, transcribed for a constant gradient g: then
        // s = (1 − ρ₁ᵗ)g, r = (1 − ρ₂ᵗ)g², so the bias-corrected √r̂ is |g| exactly and the update is
        // Δθ = −ε[(1 − μₜ)/(1 − Πₜ)·g + μₜ₊₁/(1 − Πₜ₊₁)·s] / (|g| + δ), with Πₜ = μ₁⋯μₜ.
        const double lr = 0.01, b1 = 0.9, eps = 1e-8, psi = 4e-3, g = 0.7;
        double Mu(int t) => b1 * (1 - 0.5 * Math.Pow(0.96, t * psi));
        var x = Tensor.Zeros([1], DType.Float64).RequireGrad();
        var opt = new NAdam([x], lr: lr);
        double expected = 0, product = 1;
        for (int t = 1; t <= 5; t++)
        {
            x.Grad = Tensor.From(new[] { g });
            opt.Step();
            product *= Mu(t);
            double s = (1 - Math.Pow(b1, t)) * g;
            expected -= lr * ((1 - Mu(t)) / (1 - product) * g + Mu(t + 1) / (1 - product * Mu(t + 1)) * s) / (Math.Abs(g) + eps);
            Assert.Equal(expected, x.Item(), 12);
        }
    }

    [Fact]
    public void NesterovLooksAheadByOneMomentumStep()
    {
        // With a constant gradient the velocity after t steps is b = (1 + μ + … + μᵗ⁻¹)g. Nesterov moves by
        // ε(g + μb) = ε(1 + μ + … + μᵗ)g: one momentum term ahead of classical momentum's εb.
        const double lr = 0.1, mu = 0.9, g = 1;
        var classical = Tensor.Zeros([1], DType.Float64).RequireGrad();
        var nesterov = Tensor.Zeros([1], DType.Float64).RequireGrad();
        var c = new SGD([classical], lr, momentum: mu);
        var n = new SGD([nesterov], lr, momentum: mu, nesterov: true);
        double expectedClassical = 0, expectedNesterov = 0;
        for (int t = 1; t <= 4; t++)
        {
            classical.Grad = Tensor.From(new[] { g });
            nesterov.Grad = Tensor.From(new[] { g });
            c.Step();
            n.Step();
            expectedClassical -= lr * g * (1 - Math.Pow(mu, t)) / (1 - mu);
            expectedNesterov -= lr * g * (1 - Math.Pow(mu, t + 1)) / (1 - mu);
            Assert.Equal(expectedClassical, classical.Item(), 13);
            Assert.Equal(expectedNesterov, nesterov.Item(), 13);
        }
    }
}
