using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Reference;

// Gamma(α, 1) sampling by Marsaglia & Tsang (2000), "A simple method for generating gamma variables", and the
// derivative of a sample w.r.t. α by implicit reparameterisation (Figurnov, Mohamed & Mnih 2018, eq. 3).
internal sealed partial class ReferenceBackend
{
    public override void SampleGamma(Tensor output, Tensor concentration, Generator generator)
    {
        RequireOwn("SampleGamma", output, concentration);
        double[] x = output.Data<double>(), a = concentration.Data<double>();
        for (int i = 0; i < output.Count; i++) x[output.offset + i] = GammaDraw(a[concentration.offset + i], generator);
    }

    /// <summary>
    /// One draw. For α ≥ 1: with d = α − ⅓ and c = 1/√(9d), draw a standard normal z and a uniform u, and accept
    /// x = d·v with v = (1 + cz)³ when v &gt; 0 and log u &lt; z²/2 + d − dv + d log v (the paper's step 4; its
    /// squeeze test is a shortcut for the same decision and is left out). For α &lt; 1: Gamma(α + 1)·u^(1/α) (their
    /// boost). u is 1 − U for the generator's U ∈ [0, 1), so log u is finite.
    /// </summary>
    private static double GammaDraw(double alpha, Generator generator)
    {
        if (double.IsNaN(alpha) || alpha <= 0) return double.NaN;
        if (double.IsPositiveInfinity(alpha)) return alpha;
        if (alpha < 1)
        {
            double boosted = GammaDraw(alpha + 1, generator);
            return boosted * Math.Pow(1 - generator.NextDouble(), 1 / alpha);
        }
        double d = alpha - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z = generator.NextNormal();
            double v = 1 + c * z;
            if (v <= 0) continue;   // rejected before a uniform is drawn
            v = v * v * v;
            double u = 1 - generator.NextDouble();
            if (Math.Log(u) < z * z / 2 + d - d * v + d * Math.Log(v)) return d * v;
        }
    }

    public override void GammaSampleGradient(Tensor gradient, Tensor sample, Tensor concentration)
    {
        RequireOwn("GammaSampleGradient", gradient, sample, concentration);
        double[] g = gradient.Data<double>(), x = sample.Data<double>(), a = concentration.Data<double>();
        for (int i = 0; i < gradient.Count; i++)
            g[gradient.offset + i] = GammaSampleDerivative(x[sample.offset + i], a[concentration.offset + i]);
    }

    /// <summary>
    /// dx/dα = −(∂P/∂α)(α, x) / p(x; α). P comes from its power series (Numerical Recipes §6.2, eq. 6.2.5),
    /// P = e^(−x) x^α Σₙ xⁿ / (α(α+1)···(α+n)), which converges for every x; differentiating it term by term and dividing
    /// by p(x; α) = e^(−x) x^(α−1) / Γ(α) cancels the prefactor:
    /// (∂P/∂α)/p = x·[(log x − ψ(α))·S + ∂S/∂α] with S the sum (Γ(α)'s derivative gives the −ψ(α)). The series needs
    /// about x terms and loses digits far in the upper tail, where the CPU kernel switches to the continued fraction
    /// for 1 − P; this oracle keeps the one formula.
    /// </summary>
    private static double GammaSampleDerivative(double x, double alpha)
    {
        if (!(x > 0) || double.IsInfinity(x) || !(alpha > 0)) return 0;
        double term = 1 / alpha;             // the n = 0 term, 1/α
        double termDerivative = -term / alpha; // d(1/α)/dα
        double sum = term, sumDerivative = termDerivative;
        for (int n = 1; n < 10_000_000; n++)
        {
            // tₙ = tₙ₋₁ · x / (α + n), so dtₙ/dα = dtₙ₋₁/dα · x/(α + n) − tₙ/(α + n).
            termDerivative = termDerivative * x / (alpha + n) - term * x / ((alpha + n) * (alpha + n));
            term *= x / (alpha + n);
            sum += term;
            sumDerivative += termDerivative;
            if (term <= sum * 1e-17 && Math.Abs(termDerivative) <= Math.Abs(sumDerivative) * 1e-17) break;
        }
        double digamma = default(DigammaOp<double>).Apply(alpha);
        return -x * ((Math.Log(x) - digamma) * sum + sumDerivative);
    }
}
