using System.Text.Json;
using Sharpgrad.Optim;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.Optim;

/// <summary>
/// The problem behind Fixtures/optim_trajectories.json (made by make_fixtures.py with PyTorch, float64):
/// loss(W, b) = mean((X Wᵀ + b − y)²) + 0.1·Σ W⁴, with X [8, 3], y [8, 2], W [2, 3], b [2].
/// </summary>
public sealed class FixtureProblem
{
    private static readonly Lazy<JsonElement> Json = new(() => Fixture.Load("optim_trajectories.json"));

    private readonly Tensor x = Fixture.Tensor(Json.Value.GetProperty("X"));
    private readonly Tensor y = Fixture.Tensor(Json.Value.GetProperty("y"));

    /// <summary>The problem at the fixture's starting point W0, b0.</summary>
    public FixtureProblem() : this(Fixture.Tensor(Json.Value.GetProperty("W0")), Fixture.Tensor(Json.Value.GetProperty("b0")))
    {
    }

    /// <summary>The problem at a given point (copied, so the caller's tensors are never changed).</summary>
    public FixtureProblem(Tensor w, Tensor b)
    {
        W = w.Detach().Clone().RequireGrad();
        B = b.Detach().Clone().RequireGrad();
    }

    public Tensor W { get; }
    public Tensor B { get; }
    public Tensor[] Parameters => [W, B];

    /// <summary>The cases recorded in the fixture file; LBFGS ones are included, callers decide what to do with them.</summary>
    public static IEnumerable<JsonElement> Cases => Json.Value.GetProperty("cases").EnumerateArray();

    public static JsonElement Case(string name) => Cases.Single(c => c.GetProperty("name").GetString() == name);

    public Tensor Loss() => (x.MatMul(W.T) + B - y).Square().Mean() + 0.1 * W.Pow(4).Sum();

    /// <summary>
    /// One training step: zero the gradients, backprop the loss, step; or, with <paramref name="closure"/>, the same
    /// three actions wrapped in a closure for <c>Step(closure)</c> (which L-BFGS needs). Returns the loss before the step.
    /// </summary>
    public double Step(Optimizer optimizer, bool closure = false)
    {
        if (closure) return optimizer.Step(Closure(optimizer)).Item();
        optimizer.ZeroGrad();
        var loss = Loss();
        loss.Backward();
        optimizer.Step();
        return loss.Item();
    }

    /// <summary>PyTorch's closure: zero the gradients, compute the loss, backpropagate, return the loss.</summary>
    public Func<Tensor> Closure(Optimizer optimizer) => () =>
    {
        optimizer.ZeroGrad();
        var loss = Loss();
        loss.Backward();
        return loss;
    };

    public Optimizer CreateOptimizer(JsonElement fixtureCase) => TorchOptimizers.Create(
        fixtureCase.GetProperty("optimizer").GetString()!, fixtureCase.GetProperty("options"), Parameters);
}
