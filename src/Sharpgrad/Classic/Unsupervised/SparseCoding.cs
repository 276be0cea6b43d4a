namespace Sharpgrad.Classic;

/// <summary>The codes ISTA found and the objective after each of its iterations.</summary>
public sealed record SparseCodes(Tensor Codes, IReadOnlyList<double> ObjectiveHistory);

/// <summary>
/// Sparse coding (GBC §13.4): the code h of x under a fixed dictionary D minimises ½‖x − hD‖² + α‖h‖₁, the negative
/// log-posterior of a Gaussian reconstruction under a Laplace prior on h. Solved by ISTA (iterative
/// shrinkage–thresholding; Daubechies et al. 2004, Beck &amp; Teboulle 2009): a gradient step on the quadratic term
/// followed by soft thresholding, the proximal step of the L1 term. With step 1/L, L = λ_max(DDᵀ) the Lipschitz constant
/// of the gradient, the objective never increases.
/// </summary>
public static class SparseCoding
{
    /// <summary>
    /// Codes H [N, k] of the rows of <paramref name="x"/> [N, D] under the dictionary <paramref name="dictionary"/>
    /// [k, D] (one atom per row), minimising ½‖X − HD‖²_F + α‖H‖₁. Starts from <paramref name="initialCodes"/> or zeros;
    /// stops after <paramref name="maxIter"/> steps or when the objective improves by less than <paramref name="tol"/> relative.
    /// </summary>
    public static SparseCodes Encode(Tensor x, Tensor dictionary, double alpha, int maxIter = 200, double tol = 1e-8, Tensor? initialCodes = null)
    {
        const string op = "SparseCoding.Encode";
        var data = EstimatorInput.Features(x, op);
        var atoms = EstimatorInput.Features(dictionary, op + " (dictionary)", data.Size(1));
        if (alpha < 0) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"{op}: alpha must be non-negative.");
        using var _ = Autograd.NoGrad();
        var codes = initialCodes?.Double() ?? Tensor.Zeros([data.Size(0), atoms.Size(0)], DType.Float64);
        var gram = atoms.MatMul(atoms.T);                                   // DDᵀ, [k, k]
        double lipschitz = Math.Max(Linalg.Eigvalsh(gram).Max().Item(), 1e-12);
        var xDt = data.MatMul(atoms.T);                                     // XDᵀ, reused every step
        var history = new List<double> { Objective(data, atoms, codes, alpha) };
        for (int iteration = 0; iteration < maxIter; iteration++)
        {
            var gradient = codes.MatMul(gram) - xDt;                        // ∇_H ½‖X − HD‖² = (HD − X)Dᵀ
            codes = SoftThreshold(codes - gradient / lipschitz, alpha / lipschitz);
            history.Add(Objective(data, atoms, codes, alpha));
            if (history[^2] - history[^1] <= tol * Math.Max(Math.Abs(history[^2]), 1e-300)) break;
        }
        return new SparseCodes(codes, history);
    }

    /// <summary>½‖X − HD‖²_F + α‖H‖₁.</summary>
    public static double Objective(Tensor x, Tensor dictionary, Tensor codes, double alpha) =>
        0.5 * (x - codes.MatMul(dictionary)).Square().Sum().Item() + alpha * codes.Abs().Sum().Item();

    /// <summary>sign(v)·max(|v| − t, 0): the proximal operator of t‖·‖₁ (GBC §7.1.2's L1 solution).</summary>
    public static Tensor SoftThreshold(Tensor v, double threshold) => v.Sign() * (v.Abs() - threshold).Clamp(0, null);
}
