using Sharpgrad.Distributed;
using Sharpgrad.NN;
using Sharpgrad.Training;
using Spectre.Console;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// The processes of <c>sharpgrad train --distributed</c>, started as <c>mpirun -np N sharpgrad train --distributed …</c>
/// (a run under mpirun is distributed even without the flag, so N copies never train N separate models into one
/// folder). Every rank builds the same run; <see cref="DistributedDataParallel"/> averages the gradients and the
/// <see cref="Trainer"/> splits each batch (the global batch, <c>--batch-size</c>) among the ranks and sums the metrics
/// over them. Rank 0 alone prints, writes the run folder and the checkpoints; the other ranks print nothing.
/// Without mpirun, <c>--distributed</c> is a world of one process and trains as a plain run does.
/// </summary>
internal sealed class TrainingProcesses : IDisposable
{
    private TrainingProcesses(Communicator world) => World = world;

    public Communicator World { get; }

    public bool IsMain => World.IsMain;

    /// <summary>The processes of a distributed run, or null for a run in this process alone.</summary>
    public static TrainingProcesses? Start(TrainSettings settings)
        => settings.Distributed || Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") is { Length: > 0 }
            ? new TrainingProcesses(Communicator.World)
            : null;

    /// <summary>Wraps the run's model for data parallelism over <see cref="World"/>.</summary>
    public IDataParallel Parallelize(Module model) => new DistributedDataParallel(model, World);

    /// <summary><paramref name="console"/> on rank 0; a console that discards everything on the others.</summary>
    public IAnsiConsole ConsoleFor(IAnsiConsole console)
        => IsMain ? console : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });

    /// <summary>Finalises MPI: the end of a distributed run.</summary>
    public void Dispose() => World.Dispose();
}
