using System.Globalization;
using Sharpgrad.Data;
using Sharpgrad.Distributed;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Cli.Experiments;

/// <summary>One method's run: the training loss of its consensus model after each evaluated step per worker, and how often each worker exchanged a parameter-sized message.</summary>
/// <param name="Method">"ddp", "easgd" or "parameter-server"</param>
/// <param name="Steps">the steps per worker at which <paramref name="Losses"/> were measured (0 = the initial model)</param>
/// <param name="Losses">cross-entropy on the whole training set: the common weights (DDP), the centre x̃ (EASGD), the server's θ as the first worker last pulled it (parameter server)</param>
/// <param name="Exchanges">parameter-sized exchanges per worker over the run: allreduces (DDP, EASGD) or push–pull round trips (parameter server)</param>
/// <param name="MeanStaleness">the parameter server's mean staleness (NaN for the synchronous methods)</param>
public sealed record DistributedCurve(string Method, double[] Steps, double[] Losses, long Exchanges, double MeanStaleness)
{
    public double FinalLoss => Losses[^1];
}

/// <summary>The three curves of <see cref="EasgdVsSgd"/>, with the settings that produced them.</summary>
public sealed record EasgdVsSgdResult(DistributedCurve Ddp, DistributedCurve Easgd, DistributedCurve ParameterServer, int Period, double Alpha, int StepsPerWorker)
{
    public IReadOnlyList<DistributedCurve> All => [Ddp, Easgd, ParameterServer];
}

/// <summary>
/// Synchronous data parallelism, EASGD and asynchronous SGD with a parameter server (GBC §12.1.3; NYU §4.7.6) train
/// the same small MLP on the bundled digits with two workers each, for the same number of steps per worker and the
/// same per-example learning rate. The CLI is not itself started under mpirun, so <see cref="Run"/> starts
/// <c>mpirun -np 2</c> (DDP, then EASGD, in one job) and <c>mpirun -np 3</c> (one server, two workers) of this
/// very program's hidden <c>sharpgrad experiments rank easgd-vs-sgd</c> command (<see cref="RunRank"/>), and reads the
/// curves back from the "easgd-vs-sgd|method|step loss …" lines its reporting rank prints.
/// </summary>
public static class EasgdVsSgd
{
    /// <summary>The id of the experiment and the prefix of the lines the ranks print.</summary>
    public const string Id = "easgd-vs-sgd";

    /// <summary>Hidden units, local batch per worker, SGD learning rate, EASGD's period τ.</summary>
    public const int Hidden = 32, LocalBatch = 32, Period = 4;

    /// <summary>The learning rate η of every worker's SGD (the parameter server uses η/2, see <see cref="RunRank"/>).</summary>
    public const double LearningRate = 0.5;

    /// <summary>α = β/p with the paper's β = 0.9 and p = 2 workers.</summary>
    public const double Alpha = 0.9 / 2;

    public static int StepsPerWorker(bool quick) => quick ? 100 : 1000;

    private static int EvaluateEvery(bool quick) => quick ? 10 : 25;

    /// <summary>Launches the two MPI jobs and gathers their curves; fails with a marked error where mpirun is missing.</summary>
    public static EasgdVsSgdResult Run(int seed, bool quick, int timeoutSeconds = 300)
    {
        string mpirun = MpiLauncher.Mpirun() ?? throw MissingData.Mark(
            new FileNotFoundException($"{Id}: mpirun is not on PATH; the experiment runs its workers as MPI processes. Install OpenMPI: apt-get install openmpi-bin libopenmpi-dev"),
            "openmpi-bin");
        string[] arguments = [seed.ToString(CultureInfo.InvariantCulture), quick ? "quick" : "full"];
        var synchronous = MpiLauncher.Run(mpirun, 2, ["experiments", "rank", Id, "synchronous", .. arguments], timeoutSeconds);
        var asynchronous = MpiLauncher.Run(mpirun, 3, ["experiments", "rank", Id, "parameter-server", .. arguments], timeoutSeconds);
        var curves = Parse(synchronous + asynchronous);
        DistributedCurve Curve(string method) => curves.TryGetValue(method, out var c) ? c
            : throw new InvalidOperationException($"{Id}: the MPI job printed no curve for '{method}'. Output:\n{synchronous}\n{asynchronous}");
        return new EasgdVsSgdResult(Curve("ddp"), Curve("easgd"), Curve("parameter-server"), Period, Alpha, StepsPerWorker(quick));
    }

    /// <summary>
    /// One rank's part, under mpirun: <paramref name="job"/> "synchronous" trains DDP then EASGD on every rank;
    /// "parameter-server" serves on rank 0 and works on the others. The reporting rank prints each curve as one line.
    /// </summary>
    public static void RunRank(string job, int seed, bool quick, TextWriter output)
    {
        using var world = Communicator.World;
        switch (job)
        {
            case "synchronous":
                Print(world.IsMain, output, Ddp(world, seed, quick));
                Print(world.IsMain, output, Easgd(world, seed, quick));
                break;
            case "parameter-server":
                Print(world.Rank == 1, output, AsynchronousSgd(world, seed, quick));
                break;
            default:
                throw new ArgumentException($"{Id}: unknown job '{job}'; expected 'synchronous' or 'parameter-server'.", nameof(job));
        }
    }

    /// <summary>Synchronous data parallelism: gradients averaged by one allreduce per step, so every rank holds the same weights.</summary>
    private static DistributedCurve Ddp(Communicator world, int seed, bool quick)
    {
        var (data, model) = Setup(seed);
        var ddp = new DistributedDataParallel(model, world);
        var optimizer = new SGD(model.Parameters(), lr: LearningRate);
        var curve = new CurveRecorder(data, quick);
        curve.Measure(0, model);
        Train(world, data, model, optimizer, seed, quick, afterBackward: ddp.SynchronizeGradients, afterStep: step => curve.Measure(step, model));
        return curve.Finish("ddp", exchanges: StepsPerWorker(quick), staleness: double.NaN);
    }

    /// <summary>EASGD: each rank trains its own replica on its shard; every τ steps one allreduce pulls the replicas and the centre together.</summary>
    private static DistributedCurve Easgd(Communicator world, int seed, bool quick)
    {
        var (data, model) = Setup(seed);
        var easgd = new ElasticAveraging(model, world, Alpha, Period);
        var centre = Model(new Generator(seed));
        var optimizer = new SGD(model.Parameters(), lr: LearningRate);
        var curve = new CurveRecorder(data, quick);
        curve.Measure(0, CentreModel(centre, easgd));
        Train(world, data, model, optimizer, seed, quick, afterBackward: () => { }, afterStep: step =>
        {
            easgd.Step();
            curve.Measure(step, () => CentreModel(centre, easgd));
        });
        return curve.Finish("easgd", easgd.Exchanges, double.NaN);
    }

    /// <summary>
    /// Asynchronous SGD: rank 0 serves θ, the workers push gradients of their own batches. The server applies each
    /// worker's gradient alone, so it takes twice as many steps as DDP for the same examples: η/2 keeps the
    /// learning rate per example equal. Worker 1 measures the loss at the θ it pulled.
    /// </summary>
    private static DistributedCurve AsynchronousSgd(Communicator world, int seed, bool quick)
    {
        var (data, model) = Setup(seed);
        var curve = new CurveRecorder(data, quick);
        var server = new ParameterServer(model, world, LearningRate / 2);
        var shardWorld = new WorkerShard(world.Rank - 1, world.Size - 1);
        using var batches = Batches(data, shardWorld.Rank, shardWorld.Size, seed).GetEnumerator();
        int steps = StepsPerWorker(quick);
        var report = server.Run(steps, step =>
        {
            if (world.Rank == 1) curve.Measure(step, model);
            batches.MoveNext();
            var (x, y) = batches.Current;
            return Losses.CrossEntropy(model.Forward(x), y);
        });
        var staleness = new double[] { world.IsMain ? report.Mean : 0 };
        world.Broadcast<double>(staleness);
        if (world.Rank == 1) curve.Measure(steps, model);
        return curve.Finish("parameter-server", exchanges: steps, staleness: staleness[0]);
    }

    private readonly record struct WorkerShard(int Rank, int Size);

    private static void Train(Communicator world, TensorDataset data, Sequential model, SGD optimizer, int seed, bool quick, Action afterBackward, Action<int> afterStep)
    {
        int step = 0, steps = StepsPerWorker(quick);
        foreach (var (x, y) in Batches(data, world.Rank, world.Size, seed))
        {
            optimizer.ZeroGrad();
            Losses.CrossEntropy(model.Forward(x), y).Backward();
            afterBackward();
            optimizer.Step();
            afterStep(++step);
            if (step == steps) return;
        }
    }

    /// <summary>Endless batches of this worker's shard, reshuffled each epoch with the same seed on every worker (disjoint shards).</summary>
    private static IEnumerable<(Tensor Input, Tensor Target)> Batches(TensorDataset data, int rank, int workers, int seed)
    {
        var sampler = new DistributedSampler(data.Count, workers, rank, seed: seed);
        for (int epoch = 0; ; epoch++)
        {
            sampler.SetEpoch(epoch);
            foreach (var batch in new DataLoader(sampler.Shard(data), LocalBatch, dropLast: true)) yield return batch;
        }
    }

    private static (TensorDataset Data, Sequential Model) Setup(int seed) => (Datasets.Digits(), Model(new Generator(seed)));

    private static Sequential Model(Generator generator)
        => new(new Linear(64, Hidden, generator: generator), new ReLU(), new Linear(Hidden, 10, generator: generator));

    private static Sequential CentreModel(Sequential centre, ElasticAveraging easgd)
    {
        using var _ = Autograd.NoGrad();
        foreach (var (p, c) in centre.Parameters().Zip(easgd.Center)) p.CopyFrom(c);
        return centre;
    }

    private static void Print(bool reporting, TextWriter output, DistributedCurve curve)
    {
        if (!reporting) return;
        string points = string.Join(' ', curve.Steps.Zip(curve.Losses, (s, l) => FormattableString.Invariant($"{s}:{l:R}")));
        output.WriteLine(FormattableString.Invariant($"{Id}|{curve.Method}|{curve.Exchanges}|{curve.MeanStaleness:R}|{points}"));
        output.Flush();
    }

    /// <summary>The curves in <paramref name="output"/>, by method (lines other than the ranks' reports are ignored).</summary>
    internal static Dictionary<string, DistributedCurve> Parse(string output)
    {
        var curves = new Dictionary<string, DistributedCurve>();
        foreach (string line in output.Split('\n'))
        {
            // A terminal's control sequences may precede the report on its line.
            int start = line.IndexOf(Id + "|", StringComparison.Ordinal);
            if (start < 0) continue;
            string[] fields = line[start..].Trim().Split('|');
            if (fields.Length != 5 || fields[0] != Id) continue;
            var points = fields[4].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(':')).ToArray();
            curves[fields[1]] = new DistributedCurve(fields[1],
                [.. points.Select(p => double.Parse(p[0], CultureInfo.InvariantCulture))],
                [.. points.Select(p => double.Parse(p[1], CultureInfo.InvariantCulture))],
                long.Parse(fields[2], CultureInfo.InvariantCulture), double.Parse(fields[3], CultureInfo.InvariantCulture));
        }
        return curves;
    }

    /// <summary>Measures the training loss every few steps.</summary>
    private sealed class CurveRecorder(TensorDataset data, bool quick)
    {
        private readonly List<double> steps = [], losses = [];

        public void Measure(int step, Sequential model) => Measure(step, () => model);

        public void Measure(int step, Func<Sequential> model)
        {
            if (step % EvaluateEvery(quick) != 0 && step != StepsPerWorker(quick)) return;
            if (steps.Count > 0 && steps[^1] == step) return;
            using var _ = Autograd.NoGrad();
            steps.Add(step);
            losses.Add(Losses.CrossEntropy(model().Forward(data.Inputs), data.Targets).ToDoubleArray()[0]);
        }

        public DistributedCurve Finish(string method, long exchanges, double staleness) => new(method, [.. steps], [.. losses], exchanges, staleness);
    }
}
