using System.Runtime.CompilerServices;
namespace Sharpgrad.Classic;

/// <summary>
/// The decision values fₚ(x) = Σₜ αₜyₜ k(xₜ, x) + bₚ of a fitted <see cref="SVC"/>'s binary problems, evaluated on the
/// host (GBC §5.7.2). Each problem keeps only its own support vectors and their αₜyₜ, as a LIBSVM model does (Chang &amp;
/// Lin 2011 §6), so one-vs-one reads about 2S/K coefficients per problem instead of a dense [S, problems] product.
/// <para>
/// Why not the tensor expression (<see cref="KernelMatrix.Compute"/> then MatMul and Add): prediction needs no
/// gradient, and on a cold fit + predict (issue #21, cold21) the first-call JIT of that expression's generic kernels
/// was about a third of the methods compiled. Here the kernel rows go through <see cref="KernelRows"/>, the very code
/// the fit has already run. The values differ from the tensor expression only by float64 rounding.
/// </para>
/// <para>
/// It keeps its own S × D copy of the support vectors (inside <see cref="KernelRows"/>), besides the tensor that
/// <see cref="SVC.SupportVectors"/> returns: the public tensor may be handed out and kept by callers, this one is the
/// model's (the memory is traded for a predict that never goes through tensors).
/// </para>
/// </summary>
internal sealed class SvcDecision
{
    private readonly KernelRows support;
    private readonly int[][] members;      // per problem: the support vectors whose αₜyₜ is non-zero
    private readonly double[][] weights;   // per problem: their αₜyₜ
    private readonly double[] biases;

    /// <param name="support">The support vectors under the fitted kernel.</param>
    /// <param name="coefficients">αₜyₜ [S, problems] row-major (0 where a vector is not in a problem).</param>
    /// <param name="biases">bₚ [problems].</param>
    // AggressiveOptimization on the fits' host loops: why, and what it costs, in docs/cold-fit-jit.md.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SvcDecision(KernelRows support, double[] coefficients, double[] biases)
    {
        int problems = biases.Length;
        if (coefficients.Length != support.Count * problems)
            throw new ArgumentException($"SvcDecision: {coefficients.Length} coefficients for {support.Count} support vectors and {problems} problems.");
        (this.support, this.biases) = (support, biases);
        (members, weights) = (new int[problems][], new double[problems][]);
        for (int p = 0; p < problems; p++)
        {
            var (rows, values) = (new List<int>(), new List<double>());
            for (int s = 0; s < support.Count; s++)
            {
                double c = coefficients[s * problems + p];
                if (c == 0) continue;
                rows.Add(s);
                values.Add(c);
            }
            (members[p], weights[p]) = (rows.ToArray(), values.ToArray());
        }
    }

    /// <summary>The number of binary problems.</summary>
    public int Problems => biases.Length;

    /// <summary>
    /// Multiply-adds of K(x, S) (N·S·D) above which <see cref="Values(Tensor)"/> takes the blocked GEMM path: below it
    /// (the digits predict is ~8·10⁷) the per-point host rows compile nothing new on a cold fit + predict; above it
    /// (10k points × 10k support vectors × 784 is ~8·10¹⁰) N·S single-threaded dot products would be far slower
    /// than the multi-threaded GEMM.
    /// </summary>
    internal const long GemmWork = 1L << 27;

    /// <summary>Points per GEMM block: K(block, S) is BlockRows · S float64 at a time, not N · S.</summary>
    internal const int BlockRows = 256;

    /// <summary>f [N, problems] row-major for the float64 rows <paramref name="x"/> [N, D].</summary>
    public double[] Values(Tensor x) => Values(x, (long)x.Size(0) * support.Count * x.Size(1) >= GemmWork);

    /// <summary>
    /// <see cref="Values(Tensor)"/> by the per-point host rows or, when <paramref name="byGemm"/>, by GEMM blocks of
    /// <see cref="BlockRows"/> points. Either way each point's values depend only on that point, so the thread count
    /// never changes a bit; the two paths differ by float64 rounding of the dot products.
    /// </summary>
    internal double[] Values(Tensor x, bool byGemm)
    {
        int n = x.Size(0), width = x.Size(1), count = support.Count;
        var rows = x.ToDoubleArray();
        var values = new double[n * Problems];
        if (!byGemm)
        {
            var kernel = new double[count];
            for (int i = 0; i < n; i++)
            {
                support.RowAgainst(rows.AsSpan(i * width, width), kernel);
                Expand(kernel, values.AsSpan(i * Problems, Problems));
            }
            return values;
        }
        for (int start = 0; start < n; start += BlockRows)
        {
            int block = Math.Min(BlockRows, n - start);
            var kernel = support.Against(Tensor.FromArray(rows.AsSpan(start * width, block * width).ToArray(), block, width));
            for (int i = 0; i < block; i++)
                Expand(kernel.AsSpan(i * count, count), values.AsSpan((start + i) * Problems, Problems));
        }
        return values;
    }

    /// <summary>K(x, S) [N, S] as a differentiable tensor expression, for an <paramref name="x"/> that requires grad.</summary>
    public Tensor KernelExpression(Tensor x) => support.Expression(x);

    // fₚ = Σₜ αₜyₜ k(xₜ, x) + bₚ of one point from its kernel row against the support vectors.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Expand(ReadOnlySpan<double> kernel, Span<double> values)
    {
        for (int p = 0; p < values.Length; p++)
        {
            var (rowsOfP, weightsOfP) = (members[p], weights[p]);
            double sum = 0;
            for (int m = 0; m < rowsOfP.Length; m++) sum += weightsOfP[m] * kernel[rowsOfP[m]];
            values[p] = sum + biases[p];
        }
    }
}
