using Sharpgrad.Distributed;

namespace Sharpgrad.Distributed.TestProgram;

/// <summary>Each collective on tensors whose values depend on the rank, so the results have closed forms.</summary>
internal static class CollectiveScenario
{
    public static void Run(Communicator world)
    {
        int r = world.Rank;
        Report.Line(world, "size", world.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var sum = Tensor.From([r + 1f, 2f * (r + 1)]);
        world.AllReduce(sum);
        Report.Values(world, "allreduce-sum-f32", sum);

        var mean = Tensor.From([r + 1.0, 10.0 * r]);
        world.AllReduce(mean, ReduceOp.Mean);
        Report.Values(world, "allreduce-mean-f64", mean);

        var broadcast = Tensor.From(new float[,] { { r * 1.0f, r + 0.5f }, { -r * 1.0f, 7f } });
        world.Broadcast(broadcast, root: world.Size - 1);
        Report.Values(world, "broadcast-from-last", broadcast);

        var counts = Tensor.From([100L * r + 1, -5L]);
        world.Broadcast(counts);
        Report.Values(world, "broadcast-int64", counts);

        var gathered = world.AllGather(Tensor.From([r * 1.0, r + 0.25]));
        Report.Line(world, "allgather-shape", gathered.Shape.ToString());
        Report.Values(world, "allgather", gathered);

        var blocks = Tensor.From([1f, 2f, 3f, 4f]).Reshape(world.Size, -1) * (r + 1);
        Report.Values(world, "reducescatter", world.ReduceScatter(blocks));

        if (world.Size >= 2)
        {
            var message = Tensor.From(new double[,] { { 1.5, -2.5 }, { 3.25, 4.0 } });
            if (r == 0) world.Send(message, destination: 1, tag: 7);
            if (r == 1)
            {
                var received = Tensor.Zeros([2, 2], DType.Float64);
                world.Receive(received, source: 0, tag: 7);
                Report.Values(world, "received", received);
            }
        }
        if (r == 0)
        {
            // A negative tag is invalid (MPI_ERR_TAG): with MPI_ERRORS_RETURN installed, the error comes back as an exception.
            try
            {
                world.Send(Tensor.From([1f]), destination: world.Size - 1, tag: -3);
                Report.Line(world, "invalid-tag", "no exception");
            }
            catch (MpiException e)
            {
                Report.Line(world, "invalid-tag", e.Message);
            }
        }
        world.Barrier();
        Report.Line(world, "done", "ok");

        // After MPI_Finalize, MPI must not be called at all (OpenMPI would abort the process): a clear exception instead.
        world.Dispose();
        try
        {
            world.Barrier();
            Report.Line(world, "after-dispose", "no exception");
        }
        catch (ObjectDisposedException e)
        {
            Report.Line(world, "after-dispose", e.Message);
        }
    }
}
