using Sharpgrad.NN.Memory;
using Sharpgrad.NN.Memory.Tasks;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// The trained DNC's run over one copy sequence: its loss curve, and per time step (rows) and memory cell (columns) the
/// usage u_t, the write weighting w^w_t and the read weighting w^r_t, the temporal link matrix L_T [cell i, cell j]
/// after the sequence's last step, and the bit errors of that sequence.
/// </summary>
public sealed record DncCopyResult(CopyTrainingRun Training, double[,] Usage, double[,] WriteWeights, double[,] ReadWeights, double[,] Link,
    double SequenceBitErrors);

/// <summary>
/// Buduma ch8's DNC copy task: sequences of <see cref="Length"/> binary vectors of <see cref="Bits"/> bits (the book's
/// "4 sequences × 5 binary vectors", read as 4 vectors of 5 bits), a memory of <see cref="Cells"/> cells and one read
/// head. After training, one sequence is replayed to show how the DNC uses its memory: writes raise a cell's usage to
/// about 1, and the free gate releases it after it has been read, so usage falls back towards 0.
/// </summary>
public static class DncCopy
{
    public const int Length = 4, Bits = 5, Cells = 10, CellWidth = 10, ReadHeads = 1, Controller = 64, DefaultSteps = 1500;

    /// <param name="steps">Adam steps (lr 0.003, batch 16, clip norm 10); the data and weights come from <paramref name="seed"/></param>
    public static DncCopyResult Run(int steps = DefaultSteps, int seed = 0)
    {
        var dnc = new DNC(Bits + 1, Bits, Controller, Cells, CellWidth, ReadHeads, generator: new Generator(seed));
        var training = CopyTraining.Train(x => dnc.Forward(x, null).Output, dnc.Parameters(),
            new CopyTrainingOptions(steps, Batch: 16, Bits: Bits, MinLength: Length, MaxLength: Length, LearningRate: 3e-3, Seed: seed));
        var sequence = CopyTask.Generate(1, Length, Bits, new Generator(seed + 1));
        var trace = MemoryReplay.Run(dnc, sequence.Input, s => s.Usage, s => s.WriteWeights, s => s.ReadWeights);
        return new(training, trace.Maps[0], trace.Maps[1], trace.Maps[2], MemoryReplay.Matrix(trace.Final.Link), sequence.BitErrors(trace.Outputs));
    }
}
