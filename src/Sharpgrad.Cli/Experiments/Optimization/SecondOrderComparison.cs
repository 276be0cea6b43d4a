using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Experiments;

/// <summary>One optimiser on one problem: the loss after each step against the loss evaluations spent so far.</summary>
public sealed record EvaluationTrace(string Problem, string Optimizer, int[] Evaluations, double[] Losses)
{
    /// <summary>The evaluations spent when the loss first fell below <paramref name="target"/>, or null.</summary>
    public int? EvaluationsTo(double target)
    {
        int k = Array.FindIndex(Losses, l => l < target);
        return k < 0 ? null : Evaluations[k];
    }
}

/// <summary>
/// Second-order and conjugate-gradient methods against first-order ones (GBC §8.6), measured in what they all pay
/// for: evaluations of the loss and its gradient. On Rosenbrock's valley from (−1.2, 1) (Nocedal &amp; Wright §2.1),
/// whose Hessian's condition number near the minimum is about 2500, SGD and Adam crawl along the valley floor while
/// L-BFGS and nonlinear CG (both with the strong-Wolfe line search) use curvature and reach f ≈ 0 within a few hundred
/// evaluations. The second problem is a full-batch MLP on 500 digits, where every method gets the same budget.
/// </summary>
public static class SecondOrderComparison
{
    public const string Rosenbrock = "Rosenbrock", Mlp = "MLP";

    /// <summary>The four methods; L-BFGS and CG take one iteration per step so the trace has one point per iteration.</summary>
    public static IReadOnlyList<(string Name, Func<IEnumerable<Tensor>, double, Optimizer> Create)> Methods { get; } =
    [
        ("SGD", (p, lr) => new SGD(p, lr: lr)),
        ("Adam", (p, lr) => new Adam(p, lr: lr)),
        ("CG", (p, _) => new ConjugateGradient(p, maxIter: 1, toleranceGrad: 1e-12, toleranceChange: 1e-16)),
        ("L-BFGS", (p, _) => new LBFGS(p, maxIter: 1, toleranceGrad: 1e-12, toleranceChange: 1e-16, historySize: 10, lineSearch: LineSearch.StrongWolfe)),
    ];

    public static IReadOnlyList<EvaluationTrace> Run(int budget, int seed = 0)
    {
        var traces = new List<EvaluationTrace>();
        foreach (var (name, create) in Methods)
        {
            // Rosenbrock: SGD's step must stay below 2/λ_max ≈ 2e-3; Adam's 0.01 is a usual choice for it.
            var x = Tensor.From(new[] { -1.2, 1.0 }).RequireGrad();
            traces.Add(Trace(Rosenbrock, name, create([x], name == "SGD" ? 1e-3 : 0.01), () => RosenbrockLoss(x), budget));

            var (inputs, targets, model) = MlpProblem(seed);
            traces.Add(Trace(Mlp, name, create(model.Parameters(), name == "SGD" ? 0.1 : 0.01), () => Losses.CrossEntropy(model.Forward(inputs), targets), budget));
        }
        return traces;
    }

    private static Tensor RosenbrockLoss(Tensor x)
    {
        var (a, b) = (x[0], x[1]);
        return (1 - a).Square() + 100 * (b - a.Square()).Square();
    }

    /// <summary>500 digits and a 64–32–10 tanh MLP in float64 (so line searches are not limited by float32 rounding).</summary>
    private static (Tensor Inputs, Tensor Targets, Sequential Model) MlpProblem(int seed)
    {
        var digits = Datasets.Digits();
        var rows = Tensor.Arange(500);
        var generator = new Generator(seed);
        var model = new Sequential(new Linear(64, 32, dtype: DType.Float64, generator: generator), new Tanh(), new Linear(32, 10, dtype: DType.Float64, generator: generator));
        return (digits.Inputs.IndexSelect(0, rows).Double(), digits.Targets.IndexSelect(0, rows), model);
    }

    /// <summary>Steps until <paramref name="budget"/> evaluations are spent or the method stops moving; records (evaluations, loss) after each step.</summary>
    private static EvaluationTrace Trace(string problem, string name, Optimizer optimizer, Func<Tensor> loss, int budget)
    {
        int evaluations = 0;
        var (spent, losses) = (new List<int>(), new List<double>());
        Tensor Closure()
        {
            evaluations++;
            optimizer.ZeroGrad();
            var l = loss();
            l.Backward();
            return l;
        }
        while (evaluations < budget)
        {
            int before = evaluations;
            optimizer.Step(Closure);
            if (evaluations == before) break;   // converged: the method made no further evaluation
            using (Autograd.NoGrad()) losses.Add(loss().Item());
            spent.Add(evaluations);
        }
        return new EvaluationTrace(problem, name, [.. spent], [.. losses]);
    }
}
