using Sharpgrad.Optim;

namespace Sharpgrad.Tests.Optim;

/// <summary>
/// The closure-based methods checkpoint like the others: their whole-problem state (history, inverse Hessian,
/// running counters) lives on the first parameter, and resuming from a state dict is bitwise identical.
/// </summary>
public class LineSearchStateDictTests
{
    public static TheoryData<string> Methods => new(["lbfgs", "lbfgs_no_line_search", "bfgs", "cg_fr", "cg_pr"]);

    private static Optimizer Create(string method, IEnumerable<Tensor> parameters) => method switch
    {
        "lbfgs" => new LBFGS(parameters, maxIter: 4, historySize: 3, lineSearch: LineSearch.StrongWolfe),
        "lbfgs_no_line_search" => new LBFGS(parameters, lr: 0.5, maxIter: 3, historySize: 2),
        "bfgs" => new BFGS(parameters, maxIter: 3),
        "cg_fr" => new ConjugateGradient(parameters, ConjugateGradientBeta.FletcherReeves, restartEvery: 4, maxIter: 3),
        "cg_pr" => new ConjugateGradient(parameters, ConjugateGradientBeta.PolakRibiere, maxIter: 3),
        _ => throw new ArgumentException(method),
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void ResumingFromAStateDictIsBitwiseIdentical(string method)
    {
        // 4 outer steps of a few inner iterations each, so the history wraps around (L-BFGS keeps 2–3 pairs) and
        // CG restarts in the middle of an outer step.
        var uninterrupted = new FixtureProblem();
        var uninterruptedOpt = Create(method, uninterrupted.Parameters);
        for (int k = 0; k < 4; k++) uninterrupted.Step(uninterruptedOpt, closure: true);

        var first = new FixtureProblem();
        var firstOpt = Create(method, first.Parameters);
        for (int k = 0; k < 2; k++) first.Step(firstOpt, closure: true);
        var saved = firstOpt.StateDict();

        var resumed = new FixtureProblem(first.W, first.B);
        var resumedOpt = Create(method, resumed.Parameters);
        resumedOpt.LoadStateDict(saved);
        for (int k = 0; k < 2; k++) resumed.Step(resumedOpt, closure: true);

        Assert.Equal(uninterrupted.W.ToArray<double>(), resumed.W.ToArray<double>());
        Assert.Equal(uninterrupted.B.ToArray<double>(), resumed.B.ToArray<double>());
        Assert.NotEqual(first.W.ToArray<double>(), resumed.W.ToArray<double>()); // the resumed steps did move
    }

    [Fact]
    public void LbfgsStateLivesOnTheFirstParameterUnderPyTorchNames()
    {
        var problem = new FixtureProblem();
        var opt = new LBFGS(problem.Parameters, historySize: 5, lineSearch: LineSearch.StrongWolfe);
        problem.Step(opt, closure: true);
        var keys = opt.StateDict().Keys.Where(k => k.StartsWith("state.", StringComparison.Ordinal)).Order().ToArray();
        string[] expected =
        [
            "state.0.H_diag", "state.0.d", "state.0.func_evals", "state.0.history_length", "state.0.n_iter", "state.0.old_dirs",
            "state.0.old_stps", "state.0.prev_flat_grad", "state.0.prev_loss", "state.0.ro", "state.0.t",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        Assert.Equal([5, 8], opt.StateOf(problem.W)["old_dirs"].Shape); // history_size × n, n = 6 + 2
        Assert.Empty(opt.StateOf(problem.B));
    }

    [Fact]
    public void LoadingRestoresTheSavedHistorySize()
    {
        var problem = new FixtureProblem();
        var opt = new LBFGS(problem.Parameters, historySize: 5);
        problem.Step(opt, closure: true);
        var fresh = new LBFGS(new FixtureProblem().Parameters, historySize: 7);
        fresh.LoadStateDict(opt.StateDict());
        Assert.Equal(5, fresh.ParamGroups[0]["history_size"]);
    }
}
