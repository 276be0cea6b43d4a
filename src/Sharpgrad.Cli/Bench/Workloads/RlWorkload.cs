using System.Diagnostics;
using Sharpgrad.RL;

namespace Sharpgrad.Cli.Bench.Workloads;

/// <summary>
/// Reinforcement learning, against bench/rl_pytorch.py: CartPole-v1 environment steps per second (random actions,
/// resetting at each episode end), and DQN updates per second with batch 32 (the CartPole recipe's 4-64-64-2
/// Q-network, target-network evaluation, Huber loss, gradient clipping and Adam), sampling from a replay memory filled
/// with 5000 random-policy transitions (plain DQN target, Adam 1e-3).
/// </summary>
public sealed class RlWorkload : IWorkload
{
    private const int EnvironmentSteps = 200_000, Updates = 2000;

    public string Name => "rl";

    public void Run(BenchReport report, BenchOptions options)
    {
        var generator = new Generator(0);
        var environment = new CartPole();
        environment.Reset(seed: 0);
        void Steps(int count)
        {
            for (int i = 0; i < count; i++)
                if (environment.Step((int)generator.NextInt64(2)).Done) environment.Reset();
        }
        Steps(10_000);
        long start = Stopwatch.GetTimestamp();
        Steps(EnvironmentSteps);
        report.Write("cartpole_steps_per_s", EnvironmentSteps / Stopwatch.GetElapsedTime(start).TotalSeconds, "steps/s");

        // Plain DQN, batch 32, Adam 1e-3, as the Python script (the recipe itself is Double DQN at batch 64).
        var agent = new DqnAgent(CartPoleRecipes.Environment, CartPoleRecipes.Dqn(seed: 0, doubleDqn: false) with { BatchSize = 32, LearningRate = 1e-3 });
        var observation = environment.Reset(seed: 1);
        for (int i = 0; i < 5000; i++)
        {
            int action = (int)generator.NextInt64(2);
            var step = environment.Step(action);
            agent.Replay.Add(observation, action, step.Reward, step.Observation, step.Terminated);
            observation = step.Done ? environment.Reset() : step.Observation;
        }
        options.WarmUp(() => agent.Learn());
        for (int i = 0; i < 100; i++) agent.Learn();
        var gc = GcCost.Start();
        start = Stopwatch.GetTimestamp();
        for (int i = 0; i < Updates; i++) agent.Learn();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        report.Write("dqn_updates_per_s_batch32", Updates / seconds, "updates/s", gc.Stop(Updates));
    }
}
