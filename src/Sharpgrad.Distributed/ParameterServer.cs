using Sharpgrad.NN;

namespace Sharpgrad.Distributed;

/// <summary>
/// Asynchronous SGD with a parameter server (GBC §12.1.3; Dean et al. 2012's Downpour SGD, with one server shard).
/// Rank 0 serves the parameters θ; every other rank is a worker that, in a loop, computes a gradient on its own data
/// at the parameters it last pulled and pushes it to the server, which applies θ ← θ − η·g at once, whichever worker
/// it came from, and sends the worker the new θ. No worker waits for another, so a gradient may have been computed
/// at parameters that other workers' updates have since moved: its <b>staleness</b> is the number of updates the
/// server applied between the worker's pull and its push. GBC notes that asynchronous SGD trades these stale
/// gradients for the absence of waiting. Messages are MPI send/receive (tag 1: parameters, tag 2: gradients), in
/// float64 whatever the model's dtype. The order in which the server meets the workers depends on timing, so runs
/// are not reproducible bit for bit.
/// </summary>
public sealed class ParameterServer
{
    private const int ParametersTag = 1, GradientTag = 2;
    private readonly Tensor[] parameters;
    private readonly int count;

    /// <param name="module">the model, built identically on every rank (rank 0's initial parameters are used)</param>
    /// <param name="world">rank 0 serves, the others work; at least 2 ranks</param>
    /// <param name="learningRate">η of the server's update</param>
    public ParameterServer(Module module, Communicator world, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(world);
        if (world.Size < 2)
            throw new ArgumentException($"ParameterServer: needs a server and at least one worker, but the world has {world.Size} process; start it with mpirun -np 2 or more.", nameof(world));
        if (!(learningRate > 0))
            throw new ArgumentOutOfRangeException(nameof(learningRate), $"ParameterServer: the learning rate must be positive, got {learningRate}.");
        World = world;
        LearningRate = learningRate;
        parameters = [.. module.Parameters()];
        count = parameters.Sum(p => p.Count);
    }

    /// <summary>The ranks: 0 serves, the others work.</summary>
    public Communicator World { get; }

    /// <summary>η of the server's update.</summary>
    public double LearningRate { get; }

    /// <summary>
    /// Runs the job: on rank 0 the server, which applies <paramref name="stepsPerWorker"/> gradients from each worker;
    /// on the others a worker taking <paramref name="stepsPerWorker"/> steps, each calling <paramref name="loss"/>
    /// (the step's number) for its loss at the current parameters. Ends with every rank holding the server's final
    /// parameters. Returns the staleness of every update on rank 0, and an empty report on the workers.
    /// </summary>
    public StalenessReport Run(int stepsPerWorker, Func<int, Tensor> loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (stepsPerWorker < 1)
            throw new ArgumentOutOfRangeException(nameof(stepsPerWorker), $"ParameterServer.Run: stepsPerWorker must be at least 1, got {stepsPerWorker}.");
        var report = World.IsMain ? Serve(stepsPerWorker) : Work(stepsPerWorker, loss);
        foreach (var p in parameters) World.Broadcast(p);
        return report;
    }

    private StalenessReport Serve(int stepsPerWorker)
    {
        double[] theta = Flatten(p => p), message = new double[count + 1];
        long version = 0;
        for (int worker = 1; worker < World.Size; worker++) World.Send<double>(Packed(theta, version), worker, ParametersTag);
        var staleness = new List<long>();
        for (int update = 0; update < stepsPerWorker * (World.Size - 1); update++)
        {
            int worker = World.ReceiveFromAny<double>(message, GradientTag);
            staleness.Add(version - (long)message[count]);
            for (int i = 0; i < count; i++) theta[i] -= LearningRate * message[i];
            version++;
            World.Send<double>(Packed(theta, version), worker, ParametersTag);
        }
        Unflatten(theta);
        return new StalenessReport(staleness);
    }

    private StalenessReport Work(int steps, Func<int, Tensor> loss)
    {
        var message = new double[count + 1];
        World.Receive<double>(message, 0, ParametersTag);
        for (int step = 0; step < steps; step++)
        {
            Unflatten(message);
            foreach (var p in parameters) p.Grad = null;
            loss(step).Backward();
            double version = message[count];
            double[] gradient = Flatten(p => p.Grad ?? Tensor.ZerosLike(p));
            World.Send<double>(Packed(gradient, version), 0, GradientTag);
            World.Receive<double>(message, 0, ParametersTag);
        }
        return new StalenessReport([]);
    }

    private static double[] Packed(double[] values, double version) => [.. values, version];

    private double[] Flatten(Func<Tensor, Tensor> select) => [.. parameters.SelectMany(p => select(p).ToDoubleArray())];

    private void Unflatten(ReadOnlySpan<double> values)
    {
        int offset = 0;
        using var _ = Autograd.NoGrad();
        foreach (var p in parameters)
        {
            p.CopyFrom(Tensor.From(values.Slice(offset, p.Count).ToArray()).Reshape(p.Shape.ToArray()).To(p.DType));
            offset += p.Count;
        }
    }
}

/// <summary>The staleness of each update the server applied, in order: how many updates came between the gradient's pull and its push.</summary>
public sealed record StalenessReport(IReadOnlyList<long> Staleness)
{
    /// <summary>The mean staleness (NaN when there were no updates, as on a worker).</summary>
    public double Mean => Staleness.Count == 0 ? double.NaN : Staleness.Average();

    /// <summary>The largest staleness (0 when there were no updates).</summary>
    public long Max => Staleness.Count == 0 ? 0 : Staleness.Max();
}
