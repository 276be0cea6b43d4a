using System.Text.Json;
using Sharpgrad.Tests.Support;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN;

/// <summary>
/// One case of Fixtures/nn_functions.json (made by make_nn_functions_fixtures.py with PyTorch 1.13): its inputs, the
/// output, a fixed G of the output's shape and the gradients of Σ output·G. <see cref="Check"/> runs a Sharpgrad
/// function on the same inputs and compares all of them.
/// </summary>
public sealed class NNFunctionsFixture(string name)
{
    private static readonly Lazy<JsonElement> all = new(() => Fixture.Load("nn_functions.json"));

    public static IEnumerable<string> Names(string prefix)
        => all.Value.EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith(prefix, StringComparison.Ordinal));

    public JsonElement Json { get; } = all.Value.GetProperty(name);

    public JsonElement Params => Json.GetProperty("params");

    public Tensor this[string key] => Fixture.Tensor(Json.GetProperty(key));

    public Tensor Long(string key) => this[key].To(DType.Int64);

    /// <summary>
    /// Evaluates <paramref name="f"/> on the case's inputs (those named in <paramref name="wrt"/> requiring grad) and
    /// compares the output and the gradients of Σ output·G with PyTorch's to <paramref name="tolerance"/>.
    /// </summary>
    public void Check(Func<Func<string, Tensor>, Tensor> f, string[] wrt, double tolerance = 1e-12)
    {
        var leaves = wrt.ToDictionary(k => k, k => this[k].RequireGrad());
        var output = f(k => leaves.TryGetValue(k, out var t) ? t : this[k]);
        Close(this["out"], output, tolerance);
        if (wrt.Length == 0) return;
        var grads = Autograd.Grad([(output * this["G"]).Sum()], [.. leaves.Values], allowUnused: true);
        for (int i = 0; i < wrt.Length; i++)
        {
            var expected = this["grad_" + wrt[i]];
            Close(expected, grads[i] ?? Tensor.ZerosLike(expected), tolerance);
        }
    }
}
