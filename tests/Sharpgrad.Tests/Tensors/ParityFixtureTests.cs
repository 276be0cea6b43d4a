using System.Text.Json;
using Sharpgrad.Tests.Support;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>
/// Issue #10's differences from PyTorch, against Fixtures/parity.json (made by Fixtures/make_parity_fixtures.py):
/// gradients at zeros and ties, reductions over an empty dim list, and views of strided tensors.
/// </summary>
public class ParityFixtureTests
{
    private static readonly JsonElement Root = Fixture.Load("parity.json");

    /// <summary>The op of each gradient case, as the generator wrote it in PyTorch.</summary>
    public static readonly Dictionary<string, Func<Tensor[], Tensor>> Ops = new()
    {
        ["prod_one_zero"] = x => x[0].Prod(),
        ["prod_two_zeros"] = x => x[0].Prod(),
        ["prod_no_zero"] = x => x[0].Prod(),
        ["prod_dim1"] = x => x[0].Prod(1),
        ["prod_dim0_keepdim"] = x => x[0].Prod(0, keepdim: true),
        ["pow_base_zero"] = x => x[0].Pow(x[1]),
        ["norm2_zero"] = x => x[0].Norm(),
        ["norm3_zero"] = x => x[0].Norm(3),
        ["norm2_dim_zero_row"] = x => x[0].Norm(2, [1]),
        ["norm3_dim_zero_row"] = x => x[0].Norm(3, [1]),
        ["norm1_5_with_zero"] = x => x[0].Norm(1.5),
        ["max_ties"] = x => x[0].Max(),
        ["min_ties"] = x => x[0].Min(),
        ["norm_inf_ties"] = x => x[0].Norm(double.PositiveInfinity, [1]),
    };

    public static TheoryData<string> GradientCases() => [.. Ops.Keys];

    [Theory]
    [MemberData(nameof(GradientCases))]
    public void ValueAndGradientsMatchPyTorch(string name)
    {
        var c = Root.GetProperty("cases").GetProperty(name);
        var inputs = c.GetProperty("inputs").EnumerateArray().Select(t => Fixture.Tensor(t).RequireGrad()).ToArray();
        var y = Ops[name](inputs);
        var upstream = c.TryGetProperty("upstream", out var u) ? Fixture.Tensor(u) : Tensor.OnesLike(y);
        var grads = Autograd.Grad([y], inputs, [upstream]);
        Close(Fixture.Tensor(c.GetProperty("value")), y);
        var expected = c.GetProperty("grads").EnumerateArray().Select(t => Fixture.Tensor(t)).ToArray();
        for (int i = 0; i < inputs.Length; i++) Close(expected[i], grads[i], 1e-12);
    }

    [Theory]
    [InlineData("one_zero")]
    [InlineData("two_zeros")]
    [InlineData("three_zeros")]
    public void ProdsSecondDerivativeAtZerosMatchesPyTorch(string name)
    {
        var c = Root.GetProperty("hvp_prod").GetProperty(name);
        var x = Fixture.Tensor(c.GetProperty("input")).RequireGrad();
        var v = Fixture.Tensor(c.GetProperty("direction"));
        var g = Autograd.Grad([x.Prod()], [x], createGraph: true)[0];
        var h = Autograd.Grad([(g * v).Sum()], [x])[0];
        Close(Fixture.Tensor(c.GetProperty("value")), h);
    }

    [Fact]
    public void AnEmptyDimListReducesEveryDim()
    {
        var x = Fixture.Tensor(Root.GetProperty("empty_dims_input"));
        var expected = Root.GetProperty("empty_dims");
        Close(Fixture.Tensor(expected.GetProperty("sum")), x.Sum(dims: []));
        Close(Fixture.Tensor(expected.GetProperty("mean")), x.Mean(dims: []));
        Close(Fixture.Tensor(expected.GetProperty("var")), x.Var(dims: []));
        Close(Fixture.Tensor(expected.GetProperty("std")), x.Std(dims: []));
        Close(Fixture.Tensor(expected.GetProperty("norm")), x.Norm(dims: []));
    }

    /// <summary>Each view case's source, built from arange(24).view(2, 3, 4) as the generator built it.</summary>
    private static readonly Dictionary<string, Func<Tensor, Tensor>> Sources = new()
    {
        ["permuted"] = b => b.Permute(2, 0, 1),
        ["permuted_split"] = b => b.Permute(2, 0, 1),
        ["transposed_split"] = b => b.Select(0, 0).T,
        ["sliced_rows"] = b => b.Slice(1, 0, 3, step: 2),
        ["sliced_merge_trailing"] = b => b.Slice(1, 1, 3),
        ["unit_dims"] = b => b.Slice(1, 1, 2).Transpose(0, 2),
        ["transposed_flat"] = b => b.Select(0, 0).T,
        ["sliced_flat"] = b => b.Slice(1, 0, 3, step: 2),
    };

    public static TheoryData<string> ViewCases() => [.. Sources.Keys];

    [Theory]
    [MemberData(nameof(ViewCases))]
    public void ViewOfAStridedTensorFollowsPyTorch(string name)
    {
        var c = Root.GetProperty("views").GetProperty(name);
        var source = Sources[name](Tensor.Arange(0, 24, dtype: DType.Float64).View(2, 3, 4));
        Assert.Equal(Ints(c.GetProperty("source_shape")), source.Shape);
        Assert.Equal(Ints(c.GetProperty("source_strides")), source.Strides);
        var shape = Ints(c.GetProperty("shape"));
        if (c.TryGetProperty("error", out _))
        {
            var e = Assert.Throws<InvalidOperationException>(() => source.View(shape));
            Assert.Contains("View", e.Message);
            Assert.Contains("Reshape", e.Message);
            return;
        }
        var view = source.View(shape);
        Assert.Equal(Ints(c.GetProperty("strides")), view.Strides);
        Close(Fixture.Tensor(c.GetProperty("value")), view);
    }

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
