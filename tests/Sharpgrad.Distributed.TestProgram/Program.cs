using Sharpgrad.Distributed;
using Sharpgrad.Distributed.TestProgram;

// Usage: mpirun -np N dotnet Sharpgrad.Distributed.TestProgram.dll <scenario>
using var world = Communicator.World;
switch (args.FirstOrDefault())
{
    case "collectives": CollectiveScenario.Run(world); break;
    case "rank-exits-early": EarlyExitScenario.Run(world); break;
    case "data-parallel":
        ShardingScenario.Run(world);
        DataParallelScenario.Run(world);
        break;
    case "trainer-checkpoint": TrainerCheckpointScenario.Run(world, args[1], resumeOnly: false); break;
    case "trainer-resume": TrainerCheckpointScenario.Run(world, args[1], resumeOnly: true); break;
    case "sync-batchnorm": SyncBatchNormScenario.Run(world); break;
    case "easgd": ElasticAveragingScenario.Run(world); break;
    case "parameter-server": ParameterServerScenario.Run(world); break;
    case "pipeline": PipelineScenario.Run(world); break;
    case "allreduce-bandwidth": AllReduceBandwidthScenario.Run(world); break;
    default:
        Console.Error.WriteLine($"unknown scenario '{args.FirstOrDefault()}'; expected collectives, rank-exits-early, data-parallel, trainer-checkpoint DIR, trainer-resume DIR, sync-batchnorm, easgd, parameter-server, pipeline, allreduce-bandwidth");
        return 2;
}
return 0;
