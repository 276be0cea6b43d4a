namespace Sharpgrad.Cli.Experiments;

/// <summary>‖∂h_t/∂h_{t−k}‖₂ for k = 1 … K (<see cref="Norms"/>[k − 1]) of one recurrence, and the bound ρᵏ.</summary>
public sealed record GradientDecayCurve(string Label, double Radius, bool Tanh, double[] Norms)
{
    public double Bound(int k) => Math.Pow(Radius, k);
}

/// <summary>
/// Vanishing and exploding gradients through time (GBC §10.7, eqs. 10.36–10.40; Bengio et al. 1994; Pascanu et al.
/// 2013). The recurrence h_t = φ(W h_{t−1} + U x_t) is run with W = ρQ, Q a random orthogonal matrix (Linalg.Qr of a
/// Gaussian matrix), so every eigenvalue of W has modulus ρ and every singular value is ρ: the spectral radius and the
/// norm are both ρ. Then
/// <list type="bullet">
/// <item>linear (φ = identity): ∂h_t/∂h_{t−k} = Wᵏ and ‖Wᵏ‖₂ = ρᵏ exactly — GBC's |w|ᵏ, vanishing for ρ &lt; 1 and
/// exploding for ρ &gt; 1;</item>
/// <item>tanh: ∂h_t/∂h_{t−k} = Π diag(1 − h²) W, so the norm is at most ρᵏ, and below it wherever units saturate: with
/// ρ &gt; 1 the states grow until tanh saturates, and saturation, not the weights, then decides the gradient.</item>
/// </list>
/// The Jacobians come from autograd (one backward pass per hidden unit gives one row of every ∂h_K/∂h_{K−k}); the
/// inputs x_t are N(0, 1) through U with entries N(0, 1/H), the same draws for every curve.
/// </summary>
public static class RnnGradientDecay
{
    public const int DefaultHidden = 32, DefaultMaxLag = 40;

    public static IReadOnlyList<double> Radii { get; } = [0.9, 1.1];

    /// <summary>A curve per radius and per φ (linear, then tanh, for each radius in <see cref="Radii"/>).</summary>
    public static IReadOnlyList<GradientDecayCurve> Run(int hidden = DefaultHidden, int maxLag = DefaultMaxLag, int seed = 0)
    {
        if (hidden < 1 || maxLag < 1)
            throw new ArgumentException($"RnnGradientDecay.Run: hidden and maxLag must be positive, got {hidden} and {maxLag}.");
        var orthogonal = Linalg.Qr(Tensor.Randn([hidden, hidden], DType.Float64, new Generator(seed))).Q;
        var drive = Tensor.Randn([maxLag, hidden], DType.Float64, new Generator(seed + 1)).MatMul(
            Tensor.Randn([hidden, hidden], DType.Float64, new Generator(seed + 2)) / Math.Sqrt(hidden));
        var h0 = Tensor.Randn([hidden], DType.Float64, new Generator(seed + 3)) * 0.5;
        var curves = new List<GradientDecayCurve>();
        foreach (double radius in Radii)
            foreach (bool tanh in new[] { false, true })
            {
                var w = orthogonal * radius;
                int t = 0;
                var norms = JacobianNorms(h =>
                {
                    var pre = w.MatMul(h) + drive[t++];
                    return tanh ? pre.Tanh() : pre;
                }, h0, maxLag);
                curves.Add(new($"{(tanh ? "tanh" : "linear")}, ρ = {radius}", radius, tanh, norms));
            }
        return curves;
    }

    /// <summary>
    /// ‖∂h_K/∂h_{K−k}‖₂ for k = 1 … <paramref name="maxLag"/> = K, for the recurrence h_t = <paramref name="step"/>(h_{t−1})
    /// from <paramref name="h0"/> [H]: one backward pass per unit i of h_K gives row i of every Jacobian.
    /// </summary>
    public static double[] JacobianNorms(Func<Tensor, Tensor> step, Tensor h0, int maxLag)
    {
        var states = new List<Tensor> { h0.Detach().RequireGrad() };
        for (int k = 0; k < maxLag; k++) states.Add(step(states[^1]));
        int hidden = h0.Size(0);
        var inputs = states.Take(maxLag).ToList();
        var units = Tensor.Eye(hidden, dtype: h0.DType);
        var jacobianRows = Enumerable.Range(0, hidden)
            .Select(i => Autograd.Grad([states[^1]], inputs, [units[i]], retainGraph: true, allowUnused: true)).ToList();
        var norms = new double[maxLag];
        for (int k = 1; k <= maxLag; k++)
        {
            var jacobian = Tensor.Stack(jacobianRows.Select(r => r[maxLag - k]).ToList());
            norms[k - 1] = Linalg.MatrixNorm(jacobian, 2.0).Item();
        }
        return norms;
    }
}
