using System.Text.Json;
using Sharpgrad.Tests.Support;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>
/// Sorting, running, rearranging and shape ops against PyTorch 1.13 (Fixtures/sorting.json, made by
/// Fixtures/make_sorting_fixtures.py): every output, and the gradient of Σ primary ⊙ G for the fixture's fixed G.
/// Each case name maps to the same call in Sharpgrad below.
/// </summary>
public class SortingFixtureTests
{
    private static readonly JsonElement Cases = Fixture.Load("sorting.json").GetProperty("cases");

    private static readonly Tensor RepeatCounts = Tensor.From([1L, 0, 2]);

    private static Tensor[] Pair((Tensor A, Tensor B) p) => [p.A, p.B];

    private static Tensor[] All(UniqueResult u) => [u.Values, u.Inverse!, u.Counts!];

    /// <summary>The Sharpgrad call for each fixture case, returning every output in PyTorch's order.</summary>
    private static readonly Dictionary<string, Func<Tensor[], Tensor[]>> Ops = new()
    {
        ["sort_last"] = x => Pair(x[0].Sort()),
        ["sort_dim0_descending"] = x => Pair(x[0].Sort(dim: 0, descending: true)),
        ["sort_3d_dim-2"] = x => Pair(x[0].Sort(dim: -2)),
        ["sort_ties_stable"] = x => Pair(x[0].Sort(dim: 1, stable: true)),
        ["sort_ties_stable_descending"] = x => Pair(x[0].Sort(dim: 1, descending: true, stable: true)),
        ["argsort_dim0"] = x => [x[0].ArgSort(dim: 0)],
        ["topk_2_last"] = x => Pair(x[0].TopK(2)),
        ["topk_3_dim0_smallest"] = x => Pair(x[0].TopK(3, dim: 0, largest: false)),
        ["kthvalue_2_last"] = x => Pair(x[0].Kthvalue(2)),
        ["kthvalue_1_dim0_keepdim"] = x => Pair(x[0].Kthvalue(1, dim: 0, keepdim: true)),
        ["kthvalue_3_dim-2"] = x => Pair(x[0].Kthvalue(3, dim: -2)),
        ["unique_flat"] = x => All(x[0].Long().Unique(returnInverse: true, returnCounts: true)),
        ["unique_dim0"] = x => All(x[0].Long().Unique(returnInverse: true, returnCounts: true, dim: 0)),
        ["unique_dim1"] = x => All(x[0].Long().Unique(returnInverse: true, returnCounts: true, dim: 1)),
        ["unique_float"] = x => All(x[0].Unique(returnInverse: true, returnCounts: true)),
        ["cumsum_dim0"] = x => [x[0].CumSum(0)],
        ["cumsum_dim-1"] = x => [x[0].CumSum(-1)],
        ["cumsum_3d_dim1"] = x => [x[0].CumSum(1)],
        ["cumsum_int"] = x => [x[0].Long().CumSum(1)],
        ["cumprod_dim1"] = x => [x[0].CumProd(1)],
        ["cumprod_dim0"] = x => [x[0].CumProd(0)],
        ["cumprod_one_zero"] = x => [x[0].CumProd(-1)],
        ["cumprod_two_zeros"] = x => [x[0].CumProd(0)],
        ["logcumsumexp_last"] = x => [x[0].LogCumSumExp(-1)],
        ["logcumsumexp_dim0_large"] = x => [x[0].LogCumSumExp(0)],
        ["logcumsumexp_3d_dim1"] = x => [x[0].LogCumSumExp(1)],
        ["roll_1_dim1"] = x => [x[0].Roll(1, 1)],
        ["roll_pair"] = x => [x[0].Roll([2, -1], [0, 1])],
        ["roll_flat"] = x => [x[0].Roll(3)],
        ["roll_negative_dim_large_shift"] = x => [x[0].Roll(-7, -1)],
        ["flip_dim0"] = x => [x[0].Flip(0)],
        ["flip_dims_0_2"] = x => [x[0].Flip(0, -1)],
        ["tril"] = x => [x[0].Tril()],
        ["tril_1"] = x => [x[0].Tril(1)],
        ["triu_-1_batched"] = x => [x[0].Triu(-1)],
        ["triu_2"] = x => [x[0].Triu(2)],
        ["diag_vector"] = x => [x[0].Diag()],
        ["diag_vector_1"] = x => [x[0].Diag(1)],
        ["diag_vector_-2"] = x => [x[0].Diag(-2)],
        ["diag_matrix"] = x => [x[0].Diag()],
        ["diag_matrix_1"] = x => [x[0].Diag(1)],
        ["diag_matrix_-1"] = x => [x[0].Diag(-1)],
        ["diag_embed"] = x => [x[0].DiagEmbed()],
        ["diag_embed_1_dims_0_2"] = x => [x[0].DiagEmbed(1, 0, 2)],
        ["diag_embed_-1_dims_-1_0"] = x => [x[0].DiagEmbed(-1, -1, 0)],
        ["diagonal_1"] = x => [x[0].Diagonal(1)],
        ["diagonal_-1_dims_2_0"] = x => [x[0].Diagonal(-1, 2, 0)],
        ["repeat_interleave_2"] = x => [x[0].RepeatInterleave(2)],
        ["repeat_interleave_tensor_dim0"] = x => [x[0].RepeatInterleave(RepeatCounts, dim: 0)],
        ["repeat_interleave_3_dim-1"] = x => [x[0].RepeatInterleave(3, dim: -1)],
        ["tile_2"] = x => [x[0].Tile(2)],
        ["tile_2_1_2"] = x => [x[0].Tile(2, 1, 2)],
        ["unfold_3_2"] = x => [x[0].Unfold(0, 3, 2)],
        ["unfold_dim1_overlap"] = x => [x[0].Unfold(1, 2, 1)],
        ["unfold_dim-2_whole"] = x => [x[0].Unfold(-2, 5, 3)],
        ["movedim_0_2"] = x => [x[0].Movedim(0, 2)],
        ["movedim_pairs"] = x => [x[0].Movedim([0, 1], [2, 0])],
        ["movedim_negative"] = x => [x[0].Movedim(-1, 0)],
        ["swapaxes"] = x => [x[0].Swapaxes(0, -1)],
        ["unbind_dim1"] = x => x[0].Unbind(1),
        ["meshgrid_ij"] = x => Tensor.Meshgrid(x, indexing: "ij"),
        ["meshgrid_xy"] = x => Tensor.Meshgrid(x, indexing: "xy"),
        ["broadcast_to"] = x => [x[0].BroadcastTo(2, 3, 4)],
    };

    public static TheoryData<string> Names => [.. Cases.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void EveryFixtureCaseHasAnOpAndEveryOpACase() => Assert.Equal(Ops.Keys.Order(), Cases.EnumerateObject().Select(p => p.Name).Order());

    [Theory]
    [MemberData(nameof(Names))]
    public void OutputsMatchPyTorch(string name)
    {
        var c = Cases.GetProperty(name);
        var outputs = Ops[name](Inputs(c, requireGrad: false));
        var expected = c.GetProperty("outputs").EnumerateArray().Select(e => Fixture.Tensor(e)).ToArray();
        Assert.Equal(expected.Length, outputs.Length);
        for (int i = 0; i < expected.Length; i++) Close(expected[i], outputs[i].Double(), 1e-12);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GradientsMatchPyTorch(string name)
    {
        var c = Cases.GetProperty(name);
        if (!c.TryGetProperty("grads", out var expectedGrads)) return; // not differentiable (indices, unique, int cumsum)
        var inputs = Inputs(c, requireGrad: true);
        var outputs = Ops[name](inputs);
        var primary = name.StartsWith("unbind") || name.StartsWith("meshgrid") ? Tensor.Stack(outputs) : outputs[0];
        var grads = Autograd.Grad([primary], inputs, [Fixture.Tensor(c.GetProperty("G"))]);
        var expected = expectedGrads.EnumerateArray().Select(e => Fixture.Tensor(e)).ToArray();
        for (int i = 0; i < expected.Length; i++) Close(expected[i], grads[i], 1e-12);
    }

    private static Tensor[] Inputs(JsonElement c, bool requireGrad)
        => c.GetProperty("inputs").EnumerateArray().Select(e => requireGrad ? Fixture.Tensor(e).RequireGrad() : Fixture.Tensor(e)).ToArray();
}
