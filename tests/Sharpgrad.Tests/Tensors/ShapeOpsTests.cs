using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>Movedim, Swapaxes, Unbind, Meshgrid and BroadcastTo: shapes, shared storage, and errors.</summary>
public class ShapeOpsTests
{
    private static readonly Tensor Cube = Tensor.Arange(24).Double().Reshape(2, 3, 4);

    [Fact]
    public void MovedimPlacesTheMovedDimsAndKeepsTheOthersInOrder()
    {
        Assert.Equal([3, 4, 2], Cube.Movedim(0, 2).Shape);
        Assert.Equal([4, 2, 3], Cube.Movedim(-1, 0).Shape);
        // source 0 → 2 and 1 → 0: the remaining dim 2 fills place 1.
        var moved = Cube.Movedim([0, 1], [2, 0]);
        Assert.Equal([3, 4, 2], moved.Shape);
        Assert.Equal(Cube[1, 2, 3].Item(), moved[2, 3, 1].Item());
        Assert.Same(Cube.storage, moved.storage);
    }

    [Fact]
    public void SwapaxesIsATransposeView()
    {
        var s = Cube.Swapaxes(0, -1);
        Assert.Equal([4, 3, 2], s.Shape);
        Assert.Equal(Cube[1, 2, 3].Item(), s[3, 2, 1].Item());
        Assert.Same(Cube.storage, s.storage);
    }

    [Fact]
    public void UnbindGivesViewsOfEachSlice()
    {
        var x = Tensor.Arange(6).Double().Reshape(2, 3);
        var columns = x.Unbind(1);
        Assert.Equal(3, columns.Length);
        Close([1.0, 4], columns[1]);
        Assert.All(columns, c => Assert.Same(x.storage, c.storage));
    }

    [Fact]
    public void MeshgridIjAndXyIndexing()
    {
        var a = Tensor.From([1.0, 2]);
        var b = Tensor.From([10.0, 20, 30]);
        var ij = Tensor.Meshgrid([a, b]);
        Assert.Equal([2, 3], ij[0].Shape);
        Close([1.0, 1, 1, 2, 2, 2], ij[0]);
        Close([10.0, 20, 30, 10, 20, 30], ij[1]);
        var xy = Tensor.Meshgrid([a, b], indexing: "xy");
        Assert.Equal([3, 2], xy[0].Shape);
        Close([1.0, 2, 1, 2, 1, 2], xy[0]);
        Close([10.0, 10, 20, 20, 30, 30], xy[1]);
        Assert.Same(a.storage, xy[0].storage);
    }

    [Fact]
    public void BroadcastToRepeatsWithoutCopying()
    {
        var x = Tensor.From(new[,] { { 1.0 }, { 2 } });
        var y = x.BroadcastTo(3, 2, 4);
        Assert.Equal([3, 2, 4], y.Shape);
        Assert.Same(x.storage, y.storage);
        Close(Enumerable.Range(0, 24).Select(i => i / 4 % 2 == 0 ? 1.0 : 2.0).ToArray(), y);
        Assert.Equal([2, 5], x.BroadcastTo(-1, 5).Shape);
    }

    [Fact]
    public void BadArgumentsNameTheOpAndTheValues()
    {
        Assert.Contains("Movedim: source [0] and destination [1, 2]", Assert.Throws<ArgumentException>(() => Cube.Movedim([0], [1, 2])).Message);
        Assert.Contains("must not repeat", Assert.Throws<ArgumentException>(() => Cube.Movedim([0, -3], [1, 2])).Message);
        Assert.Contains("Swapaxes: dim 3", Assert.ThrowsAny<ArgumentException>(() => Cube.Swapaxes(0, 3)).Message);
        Assert.Contains("Unbind: dim -4", Assert.ThrowsAny<ArgumentException>(() => Cube.Unbind(-4)).Message);
        Assert.Contains("Meshgrid: indexing must be \"ij\" or \"xy\", got \"yx\"",
            Assert.Throws<ArgumentException>(() => Tensor.Meshgrid([Tensor.Zeros(2)], "yx")).Message);
        Assert.Contains("Meshgrid: expects 0-D or 1-D tensors, got shape [2, 2]",
            Assert.Throws<ArgumentException>(() => Tensor.Meshgrid([Tensor.Zeros(2, 2)])).Message);
        var broadcast = Assert.Throws<ArgumentException>(() => Tensor.Zeros(3, 2).BroadcastTo(3, 4)).Message;
        Assert.Contains("BroadcastTo: cannot expand shape [3, 2] to [3, 4]", broadcast);
    }
}
