using Sharpgrad.Distributed;

namespace Sharpgrad.Distributed.TestProgram;

/// <summary>
/// The last rank dies (exits without finalising MPI, as a crash would) while rank 0 waits for it in an allreduce. The
/// job must end with an error naming the dead rank instead of hanging.
/// </summary>
internal static class EarlyExitScenario
{
    public static void Run(Communicator world)
    {
        world.Barrier();
        if (world.Rank == world.Size - 1)
        {
            Report.Line(world, "exiting", "without MPI_Finalize");
            Environment.Exit(3);
        }
        var values = Tensor.Ones(1000);
        for (int step = 0; step < 1000; step++) world.AllReduce(values);
        Report.Line(world, "finished", "unexpectedly");
    }
}
