using Sharpgrad.NN;

namespace Sharpgrad.Tests.MathOps;

/// <summary>Bad arguments to issue #10's ops raise ArgumentException naming the op and the offending value.</summary>
public class MathArgumentTests
{
    private static readonly Tensor X = Tensor.From(new[] { 1.0, 2, 3, 4, 5, 6 }).Reshape(2, 3);

    public static TheoryData<string, string[]> Cases => new()
    {
        { "gelu", ["Gelu", "\"tanhh\""] },
        { "glu", ["Glu", "size 3"] },
        { "quantile q", ["Quantile", "1.5"] },
        { "quantile interpolation", ["Quantile", "\"cubic\""] },
        { "quantile int64", ["Quantile", "int64"] },
        { "amax repeated dim", ["Amax", "dim 1"] },
        { "amin over an empty dim", ["Amin", "empty dim", "[0, 3]"] },
        { "fmod by integer zero", ["Fmod", "zero"] },
        { "remainder by integer zero", ["Remainder", "zero"] },
        { "round decimals int64", ["Round", "decimals = 2", "int64"] },
        { "lerp dtypes", ["Lerp", "float64", "float32"] },
        { "clamp without bounds", ["Clamp", "neither"] },
        { "softshrink lambda", ["Softshrink", "-1"] },
        { "celu alpha", ["Celu", "alpha"] },
        { "logit eps", ["Logit", "0.7"] },
        { "median empty", ["Median", "[0]"] },
        { "mode empty dim", ["Mode", "size 0"] },
        { "nanmean int64", ["NanMean", "int64"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MessageNamesTheOpAndTheValue(string which, string[] fragments)
    {
        var ints = Tensor.From(new long[] { 4, 5 });
        Action act = which switch
        {
            "gelu" => () => Functional.Gelu(X, approximate: "tanhh"),
            "glu" => () => Functional.Glu(X, 1),
            "quantile q" => () => X.Quantile(1.5),
            "quantile interpolation" => () => X.Quantile(0.5, interpolation: "cubic"),
            "quantile int64" => () => ints.Quantile(0.5),
            "amax repeated dim" => () => X.Amax([1, -1]),
            "amin over an empty dim" => () => Tensor.Zeros(0, 3).Amin(0),
            "fmod by integer zero" => () => ints.Fmod(Tensor.From(new long[] { 1, 0 })),
            "remainder by integer zero" => () => ints.Remainder(0),
            "round decimals int64" => () => ints.Round(2),
            "lerp dtypes" => () => X.Lerp(X.Float(), 0.5),
            "clamp without bounds" => () => X.Clamp(null, (Tensor?)null),
            "softshrink lambda" => () => Functional.Softshrink(X, -1),
            "celu alpha" => () => Functional.Celu(X, 0),
            "logit eps" => () => X.Logit(0.7),
            "median empty" => () => Tensor.Zeros(0).Median(),
            "mode empty dim" => () => Tensor.Zeros(2, 0).Mode(1),
            "nanmean int64" => () => ints.NanMean(),
            _ => throw new InvalidOperationException(which),
        };
        var e = Assert.ThrowsAny<ArgumentException>(act);
        foreach (var fragment in fragments) Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void AmaxOfAnEmptyTensorOverANonEmptyDimIsEmpty()
    {
        // torch.zeros(0, 3).amax(1) has shape [0]: every one of the zero rows has three elements to reduce.
        Assert.Equal([0], Tensor.Zeros(0, 3).Amax(1).Shape);
        Assert.Equal([0, 1], Tensor.Zeros(0, 3).Amin(1, keepdim: true).Shape);
    }
}
