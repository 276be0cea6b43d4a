using System.Text.Json;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.Convolution;

/// <summary>
/// One case of Fixtures/conv_fixtures.json (make_fixtures.py, <c>make_conv</c>): PyTorch's inputs, output, a fixed
/// random G of the output's shape and the gradients of sum(output·G) w.r.t. the differentiable inputs. A test takes
/// the inputs, runs the Sharpgrad op, and <see cref="AssertMatches"/> compares output and gradients (float64).
/// </summary>
internal sealed class TorchCase
{
    /// <summary>PyTorch and Sharpgrad both compute in float64; they differ only by summation order.</summary>
    public const double Tolerance = 1e-9;

    private static readonly Lazy<JsonElement> Cases = new(() => Fixture.Load("conv_fixtures.json").GetProperty("cases"));
    private readonly JsonElement json;
    private readonly Dictionary<string, Tensor> handedOut = [];

    private TorchCase(string name, JsonElement json)
    {
        Name = name;
        this.json = json;
    }

    public string Name { get; }

    public static TorchCase Load(string name) => new(name, Cases.Value.GetProperty(name));

    public JsonElement Kwargs => json.GetProperty("kwargs");

    public JsonElement this[string key] => json.GetProperty(key);

    /// <summary>An input as a float64 leaf, requiring grad when PyTorch differentiated it.</summary>
    public Tensor Input(string name)
    {
        var t = Fixture.Tensor(json.GetProperty("inputs").GetProperty(name));
        if (json.GetProperty("grads").TryGetProperty(name, out _)) t.RequireGrad();
        handedOut[name] = t;
        return t;
    }

    /// <summary>An int64 input (MaxUnpool's indices).</summary>
    public Tensor LongInput(string name) => Fixture.Tensor(json.GetProperty("inputs").GetProperty(name), DType.Int64);

    public Tensor Expected(string key) => Fixture.Tensor(json.GetProperty(key));

    /// <summary>Checks the output's shape and values, then backpropagates G and checks every input gradient PyTorch recorded.</summary>
    public void AssertMatches(Tensor output)
    {
        AssertClose(Expected("output"), output, "output");
        (output * Expected("G")).Sum().Backward();
        Assert.NotEmpty(json.GetProperty("grads").EnumerateObject()); // a case without gradients would check nothing
        foreach (var grad in json.GetProperty("grads").EnumerateObject())
        {
            Assert.True(handedOut.TryGetValue(grad.Name, out var input), $"{Name}: the test never took input '{grad.Name}'.");
            Assert.NotNull(input.Grad);
            AssertClose(Fixture.Tensor(grad.Value), input.Grad, $"gradient of '{grad.Name}'");
        }
    }

    public void AssertClose(Tensor expected, Tensor actual, string what)
    {
        Assert.True(expected.Shape.SequenceEqual(actual.Shape),
            $"{Name}: {what} has shape [{string.Join(", ", actual.Shape)}], PyTorch's has [{string.Join(", ", expected.Shape)}].");
        var e = expected.ToDoubleArray();
        var a = actual.ToDoubleArray();
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= Tolerance * (1 + Math.Abs(e[i])),
                $"{Name}: {what}[{i}] is {a[i]:R}, PyTorch gives {e[i]:R}.");
    }
}
