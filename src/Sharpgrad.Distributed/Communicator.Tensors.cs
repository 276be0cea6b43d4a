namespace Sharpgrad.Distributed;

// The collectives on tensors: float32, float64 and int64 tensors of any shape and layout. Each copies the elements out
// (HostCopy), calls the element-span collective and, for the in-place ones, copies the result back into the tensor,
// which may be a parameter (the write happens outside the autograd graph).
public abstract partial class Communicator
{
    /// <summary>Overwrites <paramref name="tensor"/> on every rank with rank <paramref name="root"/>'s values; shapes must agree.</summary>
    public void Broadcast(Tensor tensor, int root = 0)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        CheckRank(root, "Broadcast", "root");
        var values = HostCopy.Download(tensor, "Broadcast");
        BroadcastCore(HostCopy.Bytes(values), MpiElements.Of(tensor.DType, "Broadcast"), values.Length, root);
        HostCopy.Upload(values, tensor);
    }

    /// <summary>Replaces <paramref name="tensor"/> on every rank with its sum (or mean) over ranks, in place.</summary>
    public void AllReduce(Tensor tensor, ReduceOp op = ReduceOp.Sum)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var values = HostCopy.Download(tensor, "AllReduce");
        switch (values)
        {
            case float[] f: AllReduce<float>(f, op); break;
            case double[] d: AllReduce<double>(d, op); break;
            default: AllReduce<long>((long[])values, op); break;
        }
        HostCopy.Upload(values, tensor);
    }

    /// <summary>Every rank's <paramref name="tensor"/> stacked in rank order: shape [Size, …tensor's shape].</summary>
    public Tensor AllGather(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var send = HostCopy.Download(tensor, "AllGather");
        var receive = HostCopy.Allocate(tensor, checked(send.Length * Size), "AllGather");
        AllGatherCore(HostCopy.Bytes(send), HostCopy.Bytes(receive), MpiElements.Of(tensor.DType, "AllGather"), send.Length);
        return HostCopy.ToTensor(receive, [Size, .. tensor.Shape.ToArray()]);
    }

    /// <summary>
    /// Sums <paramref name="tensor"/> over ranks and returns this rank's block of the sum along dim 0: rank r gets rows
    /// [r·n/Size, (r+1)·n/Size) of a tensor with n rows, which must divide evenly.
    /// </summary>
    public Tensor ReduceScatter(Tensor tensor, ReduceOp op = ReduceOp.Sum)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Rank == 0 || tensor.Size(0) % Size != 0)
            throw new ArgumentException(
                $"ReduceScatter: dim 0 of a tensor of shape {tensor.Shape} must split into {Size} equal blocks, one per rank.");
        var send = HostCopy.Download(tensor, "ReduceScatter");
        var receive = HostCopy.Allocate(tensor, send.Length / Size, "ReduceScatter");
        switch (send)
        {
            case float[] f: ReduceScatter<float>(f, (float[])receive, op); break;
            case double[] d: ReduceScatter<double>(d, (double[])receive, op); break;
            default: ReduceScatter<long>((long[])send, (long[])receive, op); break;
        }
        int[] shape = tensor.Shape.ToArray();
        shape[0] /= Size;
        return HostCopy.ToTensor(receive, shape);
    }

    /// <summary>Sends <paramref name="tensor"/>'s elements to rank <paramref name="destination"/>.</summary>
    public void Send(Tensor tensor, int destination, int tag = 0)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        CheckPeer(destination, "Send", "destination");
        var values = HostCopy.Download(tensor, "Send");
        SendCore(HostCopy.Bytes(values), MpiElements.Of(tensor.DType, "Send"), values.Length, destination, tag);
    }

    /// <summary>Fills <paramref name="tensor"/> in place with the elements rank <paramref name="source"/> sent; the receiver knows the shape.</summary>
    public void Receive(Tensor tensor, int source, int tag = 0)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        CheckPeer(source, "Receive", "source");
        var values = HostCopy.Allocate(tensor, tensor.Count, "Receive");
        ReceiveCore(HostCopy.Bytes(values), MpiElements.Of(tensor.DType, "Receive"), values.Length, source, tag);
        HostCopy.Upload(values, tensor);
    }
}
