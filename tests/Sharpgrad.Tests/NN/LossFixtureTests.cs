using System.Text.Json;
using Sharpgrad.NN;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.NN;

/// <summary>
/// Every loss against torch.nn.functional (Fixtures/losses.json, made by make_fixtures.py): value and input gradient of
/// the summed output, for every reduction, to 1e-10 in float64.
/// </summary>
public class LossFixtureTests
{
    private const double Tolerance = 1e-10;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in Fixture.Load("losses.json").GetProperty("cases").EnumerateArray())
            foreach (var reduction in c.GetProperty("results").EnumerateObject())
                data.Add(c.GetProperty("name").GetString()!, reduction.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name, string reductionName)
    {
        var c = Fixture.Load("losses.json").GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        var expected = c.GetProperty("results").GetProperty(reductionName);
        var input = Fixture.Tensor(c.GetProperty("input")).RequireGrad();
        var targetJson = c.GetProperty("target");
        var target = Fixture.Tensor(targetJson, targetJson.GetProperty("dtype").GetString() == "int64" ? DType.Int64 : DType.Float64);
        var kwargs = c.GetProperty("kwargs");
        var reduction = reductionName switch
        {
            "mean" => Reduction.Mean,
            "sum" => Reduction.Sum,
            "none" => Reduction.None,
            "batchmean" => Reduction.BatchMean,
            _ => throw new InvalidOperationException(reductionName),
        };

        var output = Call(c.GetProperty("fn").GetString()!, input, target, kwargs, reduction);
        output.Sum().Backward();

        var expectedShape = expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(expectedShape, output.Shape);
        AssertClose(Fixture.Doubles(expected.GetProperty("value")), output.ToDoubleArray(), "value");
        AssertClose(Fixture.Doubles(expected.GetProperty("grad")), input.Grad!.ToDoubleArray(), "gradient");
    }

    private static Tensor Call(string fn, Tensor x, Tensor t, JsonElement kw, Reduction reduction)
    {
        Tensor? Opt(string key) => kw.TryGetProperty(key, out var v) ? Fixture.Tensor(v) : null;
        double Num(string key, double fallback) => kw.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;
        return fn switch
        {
            "cross_entropy" => Losses.CrossEntropy(x, t, Opt("weight"), Num("label_smoothing", 0), reduction),
            "nll_loss" => Losses.NLL(x, t, Opt("weight"), reduction),
            "mse_loss" => Losses.MSE(x, t, reduction),
            "l1_loss" => Losses.L1(x, t, reduction),
            "smooth_l1_loss" => Losses.SmoothL1(x, t, Num("beta", 1), reduction),
            "huber_loss" => Losses.Huber(x, t, Num("delta", 1), reduction),
            "binary_cross_entropy" => Losses.BCE(x, t, Opt("weight"), reduction),
            "binary_cross_entropy_with_logits" => Losses.BCEWithLogits(x, t, Opt("pos_weight"), Opt("weight"), reduction),
            "kl_div" => Losses.KLDiv(x, t, reduction),
            "multi_margin_loss" => Losses.MultiMarginLoss(x, t, (int)Num("p", 1), Num("margin", 1), Opt("weight"), reduction),
            _ => throw new InvalidOperationException($"no Sharpgrad loss for {fn}"),
        };
    }

    private static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }
}
