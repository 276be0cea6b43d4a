using Sharpgrad.Distributed;

namespace Sharpgrad.Tests.Distributed;

/// <summary>
/// Issue #19: a program not started by mpirun is a world of one process, which needs no MPI at all (these tests run
/// in the test host, where OMPI_COMM_WORLD_SIZE is not set, also on machines without OpenMPI), and every collective is
/// what a sum or a gather over one rank is.
/// </summary>
public sealed class SingleProcessWorldTests
{
    private static readonly Communicator World = Communicator.World;

    [Fact]
    public void TheWorldIsRankZeroOfOne()
    {
        Assert.Equal(0, World.Rank);
        Assert.Equal(1, World.Size);
        Assert.True(World.IsMain);
        World.Barrier();
    }

    [Fact]
    public void CollectivesOverOneRankLeaveValuesAsTheyAre()
    {
        var t = Tensor.From([1.5f, -2f, 3f]);
        World.AllReduce(t);
        World.AllReduce(t, ReduceOp.Mean);
        World.Broadcast(t);
        Assert.Equal([1.5, -2.0, 3.0], t.ToDoubleArray());

        var gathered = World.AllGather(Tensor.From(new double[,] { { 1, 2 }, { 3, 4 } }));
        Assert.Equal([1, 2, 2], gathered.Shape.ToArray());
        Assert.Equal([1.0, 2.0, 3.0, 4.0], gathered.ToDoubleArray());
        Assert.Equal([5.0, 6.0], World.ReduceScatter(Tensor.From([5.0, 6.0])).ToDoubleArray());
    }

    [Fact]
    public void BroadcastIntoAParameterWritesOutsideTheGraph()
    {
        var w = Tensor.From([1f, 2f]).RequireGrad();
        World.Broadcast(w);
        Assert.True(w.RequiresGrad);
        Assert.Equal([1.0, 2.0], w.ToDoubleArray());
    }

    [Fact]
    public void AProcessCannotSendToItself()
    {
        var e = Assert.Throws<ArgumentException>(() => World.Send(Tensor.From([1f]), destination: 0));
        Assert.Contains("Send", e.Message);
        Assert.Contains("itself", e.Message);
    }

    [Fact]
    public void BadArgumentsNameTheOpAndWhatWasExpected()
    {
        var root = Assert.Throws<ArgumentOutOfRangeException>(() => World.Broadcast(Tensor.From([1f]), root: 1));
        Assert.Contains("Broadcast: root rank 1 is out of range for a world of 1 process", root.Message);

        var dtype = Assert.Throws<NotSupportedException>(() => World.AllReduce(Tensor.From([true, false])));
        Assert.Contains("AllReduce: a bool tensor cannot be communicated", dtype.Message);

        var mean = Assert.Throws<NotSupportedException>(() => World.AllReduce(Tensor.From([1L, 2L]), ReduceOp.Mean));
        Assert.Contains("int64", mean.Message);

        var gather = Assert.Throws<ArgumentException>(() => World.AllGather<float>([1f, 2f], new float[3]));
        Assert.Contains("AllGather: the receive buffer holds 3 elements, but 1 ranks × 2 elements need 2", gather.Message);

        var element = Assert.Throws<NotSupportedException>(() => World.AllReduce<int>(new int[2]));
        Assert.Contains("AllReduce: elements of type Int32 cannot be communicated", element.Message);
    }
}
