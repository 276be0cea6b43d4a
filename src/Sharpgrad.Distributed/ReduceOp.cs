namespace Sharpgrad.Distributed;

/// <summary>How <see cref="Communicator.AllReduce(Tensor, ReduceOp)"/> and its relatives combine the ranks' values.</summary>
public enum ReduceOp
{
    /// <summary>The elementwise sum over ranks (<c>MPI_SUM</c>).</summary>
    Sum,

    /// <summary>The sum divided by the world size, for floating-point data: how data parallelism averages gradients.</summary>
    Mean,
}
