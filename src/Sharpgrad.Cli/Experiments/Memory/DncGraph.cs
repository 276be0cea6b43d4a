using Sharpgrad.NN.Memory;
using Sharpgrad.NN.Memory.Tasks;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// The budget of <see cref="DncGraph"/>: graphs of <see cref="Nodes"/> nodes and <see cref="Edges"/> edges
/// (<see cref="GraphTraversalTask"/>), <see cref="Steps"/> Adam steps on batches of <see cref="Batch"/>, then a test on
/// <see cref="TestBatches"/> fresh batches. The DNC: LSTM controller of <see cref="Controller"/> units,
/// <see cref="Cells"/> cells of width <see cref="CellWidth"/>, <see cref="ReadHeads"/> read heads; the LSTM:
/// <see cref="LstmHidden"/> units.
/// </summary>
public sealed record DncGraphOptions(int Nodes, int Edges, int Steps, int Batch, int Controller, int Cells, int CellWidth, int ReadHeads, int LstmHidden,
    double LearningRate, int TestBatches)
{
    /// <summary>The recorded run (docs: seeds and budget).</summary>
    public static readonly DncGraphOptions Full = new(Nodes: 6, Edges: 7, Steps: 3000, Batch: 16, Controller: 64, Cells: 16, CellWidth: 16, ReadHeads: 2,
        LstmHidden: 128, LearningRate: 3e-3, TestBatches: 16);

    /// <summary>A few seconds: 4-node graphs with 4 edges.</summary>
    public static readonly DncGraphOptions Quick = new(Nodes: 4, Edges: 4, Steps: 150, Batch: 8, Controller: 16, Cells: 8, CellWidth: 6, ReadHeads: 1,
        LstmHidden: 16, LearningRate: 1e-2, TestBatches: 4);
}

/// <summary>One model's graph run: its training curve (loss, path accuracy per batch) and its test step and path accuracies.</summary>
public sealed record GraphModelRun(SequenceTrainingRun Training, double StepAccuracy, double PathAccuracy);

/// <summary>The DNC's and the LSTM's runs with the options that produced them.</summary>
public sealed record DncGraphResult(DncGraphOptions Options, GraphModelRun Dnc, GraphModelRun Lstm);

/// <summary>
/// The DNC against an LSTM on shortest paths in random graphs (Graves et al. 2016 Fig. 3, the London Underground task,
/// in <see cref="GraphTraversalTask"/>'s compact form). The DNC can write each edge to a memory cell and look the next
/// node up by content, query after query; the LSTM must squeeze the whole graph into its state.
/// </summary>
public static class DncGraph
{
    /// <param name="seed">the data (seed), the DNC's weights (seed + 1), the LSTM's (seed + 2) and the test graphs (seed + 3)</param>
    public static DncGraphResult Run(DncGraphOptions options, int seed)
    {
        int input = GraphTraversalTask.InputWidth(options.Nodes);
        var dnc = new DNC(input, options.Nodes, options.Controller, options.Cells, options.CellWidth, options.ReadHeads, generator: new Generator(seed + 1));
        var lstm = new LstmSequenceModel(input, options.LstmHidden, options.Nodes, seed + 2);
        return new(options, Train(x => dnc.Forward(x, null).Output, dnc.Parameters(), options, seed), Train(lstm.Forward, lstm.Parameters(), options, seed));
    }

    private static GraphModelRun Train(Func<Tensor, Tensor> model, IEnumerable<Tensor> parameters, DncGraphOptions options, int seed)
    {
        var training = SequenceTraining.Train(model, parameters, options.Steps, options.LearningRate, clipNorm: 10,
            generator => GraphTraversalTask.Generate(options.Batch, options.Nodes, options.Edges, generator),
            (batch, logits) => batch.SequenceAccuracy(logits), seed);
        var test = new Generator(seed + 3);
        double steps = 0, paths = 0;
        using (Autograd.NoGrad())
            for (int k = 0; k < options.TestBatches; k++)
            {
                var batch = GraphTraversalTask.Generate(options.Batch, options.Nodes, options.Edges, test);
                var logits = model(batch.Input);
                (steps, paths) = (steps + batch.StepAccuracy(logits), paths + batch.SequenceAccuracy(logits));
            }
        return new(training, steps / options.TestBatches, paths / options.TestBatches);
    }
}
