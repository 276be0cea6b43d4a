using Sharpgrad.Cli.Experiments;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>The reinforcement-learning experiments, each in a quick mode.</summary>
public sealed class RlExperimentTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "sharpgrad-rl-experiments-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    private static void AssertPng(string path) => Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(path)[..4]);

    [Fact]
    public void BanditRegretOrdersTheStrategiesAsSuttonAndBarto()
    {
        // Figs. 2.2 and 2.4 (2000 runs there, 200 here): greedy gets stuck on a poor arm, so its regret grows fastest;
        // ε = 0.1 explores enough to find the best arm; UCB explores where it is unsure and beats ε = 0.1 by step 1000.
        var curves = BanditRegret.Run(runs: 200, steps: 1000);
        double Final(int i) => curves[i].CumulativeRegret[^1];
        Assert.Equal(["ε-greedy ε=0", "ε-greedy ε=0.01", "ε-greedy ε=0.1", "UCB c=2"], curves.Select(c => c.Name));
        Assert.True(Final(2) < Final(0), $"ε = 0.1 regret {Final(2):F1} vs greedy {Final(0):F1}");
        Assert.True(Final(3) < Final(2), $"UCB regret {Final(3):F1} vs ε = 0.1 {Final(2):F1}");
        // ε = 0.1 chooses the best arm about 80% of the time late on (S&B Fig. 2.2), greedy about a third.
        Assert.InRange(curves[2].OptimalFraction[^1], 0.7, 0.92);
        Assert.InRange(curves[0].OptimalFraction[^1], 0.2, 0.5);
        Assert.All(curves, c => Assert.True(c.CumulativeRegret.Zip(c.CumulativeRegret.Skip(1)).All(p => p.Second >= p.First)));
    }

    [Fact]
    public void BanditExperimentWritesItsFiles()
    {
        var (lines, _, summary) = ExperimentOutput.Run(new BanditExperiment(), BanditExperiment.RegretFile, BanditExperiment.CsvFile);
        Assert.Equal("step,egreedy_0_regret,egreedy_0_optimal,egreedy_0.01_regret,egreedy_0.01_optimal,egreedy_0.1_regret,egreedy_0.1_optimal,ucb_2_regret,ucb_2_optimal", lines[0]);
        Assert.Equal(1 + BanditRegret.DefaultSteps, lines.Length);
        Assert.Equal(3, summary.Outcome.Files.Count);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
    }

    [Fact]
    public void MazeValueIterationAgreesWithPolicyIterationAndConverges()
    {
        var solution = MazeValueIteration.Run();
        var maze = solution.Maze;
        for (int s = 0; s < maze.StateCount; s++)
            if (!maze.IsTerminal(s)) Assert.Equal(solution.PolicyIteration.Policy[s], solution.ValueIteration.Policy[s]);
        // The backup is a γ-contraction: past the first sweeps, each Bellman error is at most γ times the one before (up to rounding).
        var errors = solution.ValueIteration.BellmanErrors;
        for (int k = 5; k < errors.Count; k++) Assert.True(errors[k] <= MazeValueIteration.Gamma * errors[k - 1] + 1e-9, $"sweep {k + 1}: {errors[k]} after {errors[k - 1]}");
        // From the start, the shortest safe path to the goal is 9 moves: 8 steps of −1, then +100 on entering the goal.
        double expected = -(1 - Math.Pow(0.9, 8)) / (1 - 0.9) + Math.Pow(0.9, 8) * 100;
        Assert.Equal(expected, solution.ValueIteration.Values[maze.StartState], 9);
    }

    [Fact]
    public void MazeExperimentWritesItsFiles()
    {
        var console = new TestConsole { Profile = { Width = 200 } };
        var outcome = new MazeValueIterationExperiment().Run(new ExperimentContext(directory, console, Seed: 0, Quick: true));
        Assert.True(outcome.Check.Holds, outcome.Check.Evidence);
        AssertPng(Path.Combine(directory, MazeValueIterationExperiment.ValuesFile));
        AssertPng(Path.Combine(directory, MazeValueIterationExperiment.ErrorsFile));
        Assert.Equal("state,row,column,value,greedy_action,policy_iteration_action", File.ReadAllLines(Path.Combine(directory, MazeValueIterationExperiment.ValuesCsv))[0]);
        Assert.Contains("same greedy policy: yes", console.Output);
    }

    public static TheoryData<string, int, int, string, string> CartPoleExperiments => new()
    {
        { "cartpole-reinforce", 16, 2, "episode,none_mean,none_sd,constant_mean,constant_sd,learned_mean,learned_sd", "learned value baseline" },
        { "cartpole-dqn", 4, 1, "episode,dqn_mean,dqn_sd,double_mean,double_sd,dueling_mean,dueling_sd", "Double DQN, dueling" },
        { "cartpole-exploration", 8, 1, "episode,none_mean,none_sd,constant_mean,constant_sd,linear3000_mean,linear3000_sd,linear500_mean,linear500_sd,exponential_mean,exponential_sd", "Buduma" },
    };

    [Theory]
    [MemberData(nameof(CartPoleExperiments))]
    public void CartPoleExperimentsWriteACurvePerVariantInQuickMode(string id, int episodes, int seeds, string header, string printed)
    {
        var console = new TestConsole { Profile = { Width = 200 } };
        var experiment = id switch
        {
            "cartpole-reinforce" => ReturnCurvesExperiment.CartPoleReinforce(episodes, seeds),
            "cartpole-dqn" => ReturnCurvesExperiment.CartPoleDqn(episodes, seeds),
            _ => ReturnCurvesExperiment.CartPoleExploration(episodes, seeds),
        };
        experiment.Run(new ExperimentContext(directory, console, Seed: 0, Quick: false));   // the full path, at a tiny budget
        AssertPng(Path.Combine(directory, id.Replace('-', '_') + ".png"));
        var lines = File.ReadAllLines(Path.Combine(directory, id.Replace('-', '_') + ".csv"));
        Assert.Equal(header, lines[0]);
        Assert.Equal(1 + episodes, lines.Length);
        // Every CartPole episode lasts between 8 and 500 steps, so the mean returns do too.
        Assert.All(lines.Skip(1), line => Assert.InRange(double.Parse(line.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture), 8, 500));
        Assert.Contains(printed, console.Output);
    }

    [Fact]
    public void MeanAndSpreadAcrossSeeds()
    {
        var runs = new SeededReturns(ReturnCurves.ReinforceBaselines[0], [[10, 20, 30], [30, 40]]);
        var (mean, spread) = runs.MeanAndSpread();
        Assert.Equal([20.0, 30.0], mean);
        Assert.Equal([10.0, 10.0], spread);
        Assert.Equal(0, runs.SolvedCount);
    }
}
