namespace Sharpgrad;

/// <summary>
/// Compares the gradients autograd computes with central finite differences, (f(x+h) − f(x−h)) / 2h, in float64
/// (GBC §11.5: "gradient checking"). Inputs must be float64 for the differences to be meaningful.
/// <list type="bullet">
/// <item><see cref="Run"/> checks the full Jacobian, element by element: exact, for small inputs.</item>
/// <item><see cref="RunProjected"/> checks random projections uᵀJv: one pair of evaluations per projection, so it
/// scales to large inputs (the "random projection" check of the books).</item>
/// <item><see cref="RunSecondOrder"/> checks the gradient of the gradient, i.e. that backward is itself differentiable.</item>
/// </list>
/// </summary>
public static class GradCheck
{
    public static GradCheckResult Run(Func<Tensor[], Tensor> function, Tensor[] inputs, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3)
    {
        var x = Prepare(inputs);
        var output = Evaluate(function, x);
        var result = new GradCheckResult();
        for (int o = 0; o < output.Count; o++)
        {
            var u = OneHotLike(output, o);
            var analytic = AnalyticVjp(function, x, u);
            for (int i = 0; i < x.Length; i++)
            {
                if (!inputs[i].RequiresGrad) continue;
                var numeric = NumericVjp(function, x, i, u, eps);
                for (int k = 0; k < numeric.Length; k++)
                    result.Compare($"d output[{o}] / d input{i}[{k}]", analytic[i][k], numeric[k], atol, rtol);
            }
        }
        return result;
    }

    public static GradCheckResult RunProjected(Func<Tensor[], Tensor> function, Tensor[] inputs, int projections = 8,
        Generator? generator = null, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3)
    {
        var gen = generator ?? new Generator(1234);
        var x = Prepare(inputs);
        var output = Evaluate(function, x);
        var result = new GradCheckResult();
        for (int p = 0; p < projections; p++)
        {
            var u = Tensor.Randn(output.Shape, DType.Float64, gen);
            var v = x.Select(t => Tensor.Randn(t.Shape, DType.Float64, gen)).ToArray();
            var analytic = AnalyticVjp(function, x, u);
            double predicted = 0;
            for (int i = 0; i < x.Length; i++)
                if (inputs[i].RequiresGrad)
                    predicted += Dot(analytic[i], v[i].ToArray<double>());
            double plus = Projected(function, x, v, inputs, u, eps), minus = Projected(function, x, v, inputs, u, -eps);
            result.Compare($"projection {p}: uᵀJv", predicted, (plus - minus) / (2 * eps), atol, rtol);
        }
        return result;
    }

    /// <summary>Checks that the input gradients are themselves correctly differentiable (double backprop / HVPs).</summary>
    public static GradCheckResult RunSecondOrder(Func<Tensor[], Tensor> function, Tensor[] inputs, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3)
    {
        var probe = Evaluate(function, Prepare(inputs));
        var u = Tensor.Randn(probe.Shape, DType.Float64, new Generator(99));
        Tensor GradientOf(Tensor[] xs)
        {
            using var recording = Autograd.EnableGrad();
            var y = function(xs);
            var wanted = xs.Where(t => t.RequiresGrad).ToArray();
            var grads = Autograd.Grad([(y * u).Sum()], wanted, createGraph: true, allowUnused: true);
            return Tensor.Cat(grads.Select(g => g.Reshape(-1)).ToArray());
        }
        return Run(GradientOf, inputs, eps, atol, rtol);
    }

    /// <summary>Runs <see cref="Run"/> and throws with the worst mismatches when it fails; convenient in tests.</summary>
    public static void Assert(Func<Tensor[], Tensor> function, params Tensor[] inputs) => Run(function, inputs).ThrowIfFailed();

    private static Tensor[] Prepare(Tensor[] inputs)
    {
        foreach (var t in inputs)
            if (t.RequiresGrad && t.DType != DType.Float64)
                throw new ArgumentException($"GradCheck: inputs that require grad must be float64 for finite differences to be accurate, got {t.DType.Name()}.");
        return inputs.Select(t => t.RequiresGrad ? t.Detach().Clone().RequireGrad() : t).ToArray();
    }

    private static Tensor Evaluate(Func<Tensor[], Tensor> function, Tensor[] x)
    {
        using var _ = Autograd.NoGrad();
        return function(x);
    }

    private static Tensor OneHotLike(Tensor output, int position)
    {
        var u = new double[output.Count];
        u[position] = 1;
        return Tensor.FromArray(u, output.Shape.Length == 0 ? [] : output.Shape).Reshape(output.Shape);
    }

    /// <summary>uᵀJ for every input, through autograd.</summary>
    private static double[][] AnalyticVjp(Func<Tensor[], Tensor> function, Tensor[] x, Tensor u)
    {
        var y = function(x);
        var wanted = x.Where(t => t.RequiresGrad).ToArray();
        var grads = y.RequiresGrad
            ? Autograd.Grad([y], wanted, [u.To(y.DType)], allowUnused: true)
            : wanted.Select(Tensor.ZerosLike).ToArray();
        int k = 0;
        return x.Select(t => t.RequiresGrad ? grads[k++].ToDoubleArray() : []).ToArray();
    }

    /// <summary>uᵀJ for one input by central differences, one element at a time.</summary>
    private static double[] NumericVjp(Func<Tensor[], Tensor> function, Tensor[] x, int which, Tensor u, double eps)
    {
        var values = x[which].ToArray<double>();
        var weights = u.ToArray<double>();
        var result = new double[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            double f(double delta)
            {
                var shifted = (double[])values.Clone();
                shifted[k] += delta;
                var xs = (Tensor[])x.Clone();
                xs[which] = Tensor.FromArray(shifted).Reshape(x[which].Shape);
                xs[which].RequiresGrad = x[which].RequiresGrad; // a nested check differentiates w.r.t. it
                return Dot(Evaluate(function, xs).ToDoubleArray(), weights);
            }
            result[k] = (f(eps) - f(-eps)) / (2 * eps);
        }
        return result;
    }

    private static double Projected(Func<Tensor[], Tensor> function, Tensor[] x, Tensor[] v, Tensor[] inputs, Tensor u, double step)
    {
        var xs = x.Select((t, i) => inputs[i].RequiresGrad ? (t.Detach() + v[i] * step).RequireGrad() : t).ToArray();
        return Dot(Evaluate(function, xs).ToDoubleArray(), u.ToArray<double>());
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}

/// <summary>The outcome of a gradient check: the largest error found and a description of each mismatch.</summary>
public sealed class GradCheckResult
{
    private readonly List<string> failures = [];

    public bool Passed => failures.Count == 0;
    public double MaxAbsoluteError { get; private set; }
    public int Comparisons { get; private set; }
    public IReadOnlyList<string> Failures => failures;

    internal void Compare(string what, double analytic, double numeric, double atol, double rtol)
    {
        Comparisons++;
        double error = Math.Abs(analytic - numeric);
        MaxAbsoluteError = Math.Max(MaxAbsoluteError, double.IsNaN(error) ? double.PositiveInfinity : error);
        if (!(error <= atol + rtol * Math.Abs(numeric)))
            failures.Add($"{what}: analytic {analytic:G10}, numeric {numeric:G10}");
    }

    public void ThrowIfFailed()
    {
        if (Comparisons == 0) throw new InvalidOperationException("GradCheck: nothing was compared; does any input require grad?");
        if (!Passed)
            throw new InvalidOperationException(
                $"GradCheck failed on {failures.Count} of {Comparisons} entries (max abs error {MaxAbsoluteError:G4}):\n" + string.Join("\n", failures.Take(10)));
    }
}
