using System.Text.Json;
using Sharpgrad.Tests.Support;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>
/// Golden values computed by PyTorch in float64 (Fixtures/softmax_misc.json, made by make_fixtures.py): softmax,
/// log-softmax and logsumexp (including rows of ±1e4 that overflow a naive exp), var/std biased and unbiased, norms.
/// </summary>
public class PyTorchFixtureTests
{
    private static readonly JsonElement Cases = Fixture.Load("softmax_misc.json");

    public static TheoryData<string> Names => [.. Cases.EnumerateObject().Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesPyTorch(string name)
    {
        var c = Cases.GetProperty(name);
        var input = Fixture.Tensor(c.GetProperty("input"));
        var expected = Fixture.Tensor(c.GetProperty("output"));
        int? dim = c.GetProperty("dim").ValueKind == JsonValueKind.Null ? null : c.GetProperty("dim").GetInt32();
        var kwargs = c.GetProperty("kwargs");
        bool unbiased = !kwargs.TryGetProperty("unbiased", out var u) || u.GetBoolean();
        var actual = c.GetProperty("op").GetString() switch
        {
            "softmax" => input.Softmax(dim!.Value),
            "log_softmax" => input.LogSoftmax(dim!.Value),
            "logsumexp" => input.LogSumExp(dim!.Value),
            "var" => input.Var(dim!.Value, unbiased),
            "std" => input.Std(dim!.Value, unbiased),
            "norm" => input.Norm(kwargs.GetProperty("p").GetDouble(), dim is { } d ? [d] : null),
            var op => throw new InvalidOperationException($"fixture op {op} has no Sharpgrad counterpart in this test"),
        };
        Close(expected, actual, 1e-12);
    }

    [Fact]
    public void FixturesCoverEveryKind()
    {
        var ops = Cases.EnumerateObject().Select(p => p.Value.GetProperty("op").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "softmax", "log_softmax", "logsumexp", "var", "std", "norm" }, ops);
    }
}
