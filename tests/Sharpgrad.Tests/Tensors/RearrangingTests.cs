using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>Roll, Flip, triangles, diagonals, RepeatInterleave, Tile and Unfold on hand-worked cases, views and errors.</summary>
public class RearrangingTests
{
    private static Tensor Matrix(int rows, int cols) => Tensor.Arange(rows * cols).Double().Reshape(rows, cols);

    [Fact]
    public void RollWrapsAroundInBothDirections()
    {
        var x = Tensor.From([1.0, 2, 3, 4, 5]);
        Close([4.0, 5, 1, 2, 3], x.Roll(2));
        Close([2.0, 3, 4, 5, 1], x.Roll(-1, 0));
        Close([1.0, 2, 3, 4, 5], x.Roll(5));
        Close([4.0, 5, 0, 1, 2, 3], Matrix(2, 3).Roll(2)); // rolled as if flattened, then given its shape back
    }

    [Fact]
    public void FlipReversesEachGivenDim()
    {
        var x = Tensor.From(new[,] { { 1.0, 2 }, { 3, 4 } });
        Close([3.0, 4, 1, 2], x.Flip(0));
        Close([4.0, 3, 2, 1], x.Flip(0, 1));
        Close([4.0, 3, 2, 1], x.Flip(-1, -2));
    }

    [Fact]
    public void TrianglesKeepTheDtypeAndCountOffsetsFromTheMainDiagonal()
    {
        var x = Tensor.From(new long[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal([1L, 0, 0, 4, 5, 0], x.Tril().ToArray<long>());
        Assert.Equal([0L, 2, 3, 0, 0, 6], x.Triu(1).ToArray<long>());
        Assert.Equal([0L, 0, 0, 4, 0, 0], x.Tril(-1).ToArray<long>());
    }

    [Fact]
    public void DiagBuildsAMatrixFromAVectorAndReadsAVectorFromAMatrix()
    {
        Close([0.0, 1, 0, 0, 0, 2, 0, 0, 0], Tensor.From([1.0, 2]).Diag(1));
        Close([0.0, 0, 1, 0], Tensor.From([1.0]).Diag(-1));
        var m = Matrix(3, 4); // [[0 1 2 3] [4 5 6 7] [8 9 10 11]]
        Close([0.0, 5, 10], m.Diag());
        Close([1.0, 6, 11], m.Diag(1));
        Close([4.0, 9], m.Diag(-1));
        Assert.Equal([0], m.Diag(4).Shape);
    }

    [Fact]
    public void DiagonalIsAViewAndDiagEmbedIsItsAdjoint()
    {
        var m = Matrix(3, 3);
        var d = m.Diagonal();
        Assert.Same(m.storage, d.storage);
        m.Fill(1);
        Close([1.0, 1, 1], d);
        var embedded = Tensor.From(new[,] { { 1.0, 2 }, { 3, 4 } }).DiagEmbed(offset: 1, dim1: 0, dim2: 2);
        Assert.Equal([3, 2, 3], embedded.Shape);
        // embedded[i, b, i + 1] = v[b, i]
        Close([0.0, 1, 0, 0, 3, 0, 0, 0, 2, 0, 0, 4, 0, 0, 0, 0, 0, 0], embedded);
    }

    [Fact]
    public void LinalgDiagonalAndTrianglesAreTheTensorOps()
    {
        var a = Matrix(3, 4);
        Close(a.Diagonal(0, -2, -1), Linalg.Diagonal(a));
        Close(a.Tril(1), Linalg.Tril(a, 1));
        Close(Tensor.From([1.0, 2]).DiagEmbed(), Linalg.DiagEmbed(Tensor.From([1.0, 2])));
    }

    [Fact]
    public void RepeatInterleaveRepeatsElementsInPlace()
    {
        Close([1.0, 1, 2, 2], Tensor.From([1.0, 2]).RepeatInterleave(2));
        Close([1.0, 3, 3], Tensor.From([1.0, 2, 3]).RepeatInterleave(Tensor.From([1L, 0, 2])));
        Close([0.0, 1, 0, 1, 2, 3, 2, 3], Matrix(2, 2).RepeatInterleave(Tensor.From([2L]), dim: 0));
        var rows = Matrix(2, 2).RepeatInterleave(Tensor.From([2L, 1]), dim: 0);
        Close([0.0, 1, 0, 1, 2, 3], rows);
    }

    [Fact]
    public void TileRepeatsTheWholeTensor()
    {
        Close([1.0, 2, 1, 2], Tensor.From([1.0, 2]).Tile(2));
        var t = Tensor.From([1.0, 2]).Tile(2, 1);
        Assert.Equal([2, 2], t.Shape);
        Close([1.0, 2, 1, 2], t);
        Assert.Equal([2, 3], Matrix(2, 3).Tile(1).Shape); // fewer reps than dims: leading reps are 1
    }

    [Fact]
    public void UnfoldGivesOverlappingWindowsThatShareStorage()
    {
        var x = Tensor.Arange(7).Double();
        var w = x.Unfold(0, 3, 2);
        Assert.Equal([3, 3], w.Shape);
        Close([0.0, 1, 2, 2, 3, 4, 4, 5, 6], w);
        Assert.Same(x.storage, w.storage);
        var leaf = Tensor.Zeros([7], DType.Float64).RequireGrad();
        leaf.Unfold(0, 3, 2).Sum().Backward();
        Close([1.0, 1, 2, 1, 2, 1, 1], leaf.Grad!); // how many windows contain each element
    }

    [Fact]
    public void BadArgumentsNameTheOpAndTheValues()
    {
        var x = Tensor.Zeros(2, 3);
        Assert.Contains("Roll: shifts [1, 2] and dims [0]", Assert.Throws<ArgumentException>(() => x.Roll([1, 2], [0])).Message);
        Assert.Contains("Roll: dim 2", Assert.ThrowsAny<ArgumentException>(() => x.Roll(1, 2)).Message);
        Assert.Contains("Flip: dims [0, -2] repeat", Assert.Throws<ArgumentException>(() => x.Flip(0, -2)).Message);
        Assert.Contains("Tril: expects a matrix", Assert.Throws<ArgumentException>(() => Tensor.Zeros(3).Tril()).Message);
        Assert.Contains("Diag: expects a 1-D or 2-D tensor, got shape [2, 2, 2]", Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 2, 2).Diag()).Message);
        Assert.Contains("Diagonal: dim1 and dim2 must be different", Assert.Throws<ArgumentException>(() => x.Diagonal(0, 1, -1)).Message);
        Assert.Contains("DiagEmbed: dim 3", Assert.ThrowsAny<ArgumentException>(() => x.DiagEmbed(0, 0, 3)).Message);
        var repeats = Assert.Throws<ArgumentException>(() => x.RepeatInterleave(Tensor.From([1L, 2]), dim: 1)).Message;
        Assert.Contains("RepeatInterleave", repeats);
        Assert.Contains("3 values", repeats);
        Assert.Contains("RepeatInterleave: repeats must be non-negative", Assert.Throws<ArgumentException>(() => x.RepeatInterleave(-1)).Message);
        Assert.Contains("Tile: repetitions [2, -1]", Assert.Throws<ArgumentException>(() => x.Tile(2, -1)).Message);
        Assert.Contains("Unfold: window size 4", Assert.Throws<ArgumentException>(() => x.Unfold(1, 4, 1)).Message);
        Assert.Contains("Unfold: step must be positive, got 0", Assert.Throws<ArgumentException>(() => x.Unfold(1, 2, 0)).Message);
    }
}
