using Sharpgrad.RL;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.RL;

public sealed class RlTrainerTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "sharpgrad-rl-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    private static ReinforceAgent Reinforce() =>
        new(CartPoleRecipes.Environment, new ReinforceOptions { Seed = 4, EpisodesPerUpdate = 2, Baseline = Baseline.LearnedValue });

    private static DqnAgent Dqn() =>
        new(CartPoleRecipes.Environment, new DqnOptions { Seed = 4, LearningStarts = 20, ReplayCapacity = 64, TargetUpdateEvery = 8, Double = true, Dueling = true });

    public static TheoryData<string> Agents => ["reinforce", "dqn"];

    private static Agent Make(string name) => name == "dqn" ? Dqn() : Reinforce();

    [Theory]
    [MemberData(nameof(Agents))]
    public void ResumingFromACheckpointContinuesBitForBit(string name)
    {
        string checkpoint = Path.Combine(directory, name + ".safetensors");
        Directory.CreateDirectory(directory);
        var straight = RlTrainer.Train(Make(name), new RlTrainingOptions { Episodes = 12 });
        RlTrainer.Train(Make(name), new RlTrainingOptions { Episodes = 6, CheckpointPath = checkpoint });
        var resumedAgent = Make(name);
        var resumed = RlTrainer.Train(resumedAgent, new RlTrainingOptions { Episodes = 12 }, resumeFrom: checkpoint);
        Assert.Equal(straight.Episodes, resumed.Episodes);
        Assert.Contains(straight.Episodes, e => e.Loss is not null);
        // The weights too, not only the statistics.
        var expected = Make(name);
        RlTrainer.Train(expected, new RlTrainingOptions { Episodes = 12 });
        var actual = resumedAgent.StateDict();
        foreach (var (key, tensor) in expected.StateDict())
            Assert.Equal(Bits(tensor), Bits(actual[key]));
    }

    /// <summary>A tensor's values as exact text, whatever its dtype.</summary>
    private static string Bits(Tensor t) => t.DType switch
    {
        DType.Int64 => string.Join(",", t.ToArray<long>()),
        DType.Bool => string.Join(",", t.ToArray<bool>()),
        _ => string.Join(",", t.To(DType.Float64).ToArray<double>().Select(v => v.ToString("R"))),
    } + $" {t.DType}";

    [Theory]
    [MemberData(nameof(Agents))]
    public void TheSameSeedGivesTheSameRunOnOneAndTwoThreads(string name)
    {
        var (one, two) = ThreadCounts.OneAndTwo(() => RlTrainer.Train(Make(name), new RlTrainingOptions { Episodes = 8 }).Episodes);
        Assert.Equal(one, two);
        Assert.NotEqual(one, RlTrainer.Train(name == "dqn"
            ? new DqnAgent(CartPoleRecipes.Environment, new DqnOptions { Seed = 5, LearningStarts = 20 })
            : new ReinforceAgent(CartPoleRecipes.Environment, new ReinforceOptions { Seed = 5, EpisodesPerUpdate = 2 }), new RlTrainingOptions { Episodes = 8 }).Episodes);
    }

    [Fact]
    public void TheCsvLogHasOneRowPerEpisode()
    {
        string csv = Path.Combine(directory, "log.csv");
        var result = RlTrainer.Train(Reinforce(), new RlTrainingOptions { Episodes = 5, CsvPath = csv });
        var lines = File.ReadAllLines(csv);
        Assert.Equal(RlTrainer.CsvHeader, lines[0]);
        Assert.Equal(1 + result.Episodes.Count, lines.Length);
        Assert.Equal(6, result.Episodes.Count); // three updates of two episodes overshoot a budget of 5
        var first = result.Episodes[0];
        Assert.Equal($"1,{first.Return:R},{first.Length},1,{first.Loss:R}", lines[1]);
    }

    [Fact]
    public void SolvedIsTheFirstFullWindowWhoseMeanReachesTheThreshold()
    {
        Assert.Null(SolvedCriterion.FirstSolved([500.0, 500.0], window: 3, threshold: 475));
        Assert.Equal(3, SolvedCriterion.FirstSolved([500.0, 500.0, 430.0, 100.0], window: 3, threshold: 475));
        Assert.Equal(4, SolvedCriterion.FirstSolved([0.0, 480.0, 470.0, 475.0], window: 3, threshold: 475));
    }

    [Fact]
    public void InvalidHyperParametersAndMisuseAreReported()
    {
        Assert.Contains("gamma must be in [0, 1], got 1.2", Assert.Throws<ArgumentException>(() =>
            new ReinforceAgent(CartPoleRecipes.Environment, new ReinforceOptions { Gamma = 1.2 })).Message);
        Assert.Contains("EpisodesPerUpdate must be positive, got 0", Assert.Throws<ArgumentException>(() =>
            new ReinforceAgent(CartPoleRecipes.Environment, new ReinforceOptions { EpisodesPerUpdate = 0 })).Message);
        Assert.Contains("LearningRate must be a positive number, got -0.001", Assert.Throws<ArgumentException>(() =>
            new DqnAgent(CartPoleRecipes.Environment, new DqnOptions { LearningRate = -1e-3 })).Message);
        Assert.Contains("BatchSize must be positive, got 0", Assert.Throws<ArgumentException>(() =>
            new DqnAgent(CartPoleRecipes.Environment, new DqnOptions { BatchSize = 0 })).Message);
        Assert.Contains("PolyakTau must be in (0, 1], got 2", Assert.Throws<ArgumentException>(() =>
            new DqnAgent(CartPoleRecipes.Environment, new DqnOptions { PolyakTau = 2 })).Message);
        Assert.Contains("Steps must be positive, got 0", Assert.Throws<ArgumentException>(() =>
            new A2CAgent(CartPoleRecipes.Environment, new A2COptions { Steps = 0 })).Message);
        Assert.Contains("must observe a BoxSpace", Assert.Throws<ArgumentException>(() =>
            new DqnAgent(() => new FrameStackless())).Message);
        Assert.Contains("Episodes must be positive, got 0", Assert.Throws<ArgumentException>(() =>
            RlTrainer.Train(Reinforce(), new RlTrainingOptions { Episodes = 0 })).Message);
        Assert.Contains("cannot be checkpointed", Assert.Throws<NotSupportedException>(() =>
            new A2CAgent(CartPoleRecipes.Environment, new A2COptions { Environments = 2 }).StateDict()).Message);
    }

    [Fact]
    public void ACheckpointOfAnotherAgentIsRefused()
    {
        string checkpoint = Path.Combine(directory, "r.safetensors");
        Directory.CreateDirectory(directory);
        RlTrainer.Train(Reinforce(), new RlTrainingOptions { Episodes = 2, CheckpointPath = checkpoint });
        var e = Assert.Throws<InvalidDataException>(() => RlTrainer.Train(Dqn(), new RlTrainingOptions { Episodes = 2 }, resumeFrom: checkpoint));
        Assert.Contains("not a checkpoint of a dqn agent", e.Message);
    }

    /// <summary>An environment observing a discrete state, which the deep agents cannot take.</summary>
    private sealed class FrameStackless : IEnvironment<double[], int>
    {
        public Space ObservationSpace { get; } = new DiscreteSpace(3);
        public Space ActionSpace { get; } = new DiscreteSpace(2);
        public double[] Reset(long? seed = null) => [0];
        public StepResult<double[]> Step(int action) => new([0], 0, true, false);
    }
}
