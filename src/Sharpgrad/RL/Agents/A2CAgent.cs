using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.RL;

/// <summary>
/// Advantage actor–critic, synchronous (A2C; Mnih et al. 2016), the modern form of REINFORCE with a learned
/// baseline: n copies of the environment each take <see cref="A2COptions.Steps"/> steps with the current policy; the
/// critic closes each copy's rollout with V(s_T) to give n-step returns G_t; and one Adam step minimises
/// −mean(log π(a|s)·(G − V(s))) + c_v·mean((G − V(s))²) − c_e·mean(H(π(·|s))).
/// The entropy bonus keeps the policy from collapsing early. A copy truncated by its time limit has γ·V(final state)
/// added to its last reward, so it bootstraps as a non-terminal state should.
/// </summary>
/// <remarks>
/// Checkpoints are not offered: between two iterations the copies are in the middle of their episodes, and
/// restoring them would need every environment's internal state and generator, which <see cref="IEnvironment{TObservation, TAction}"/>
/// does not expose.
/// </remarks>
public sealed class A2CAgent : Agent
{
    private readonly A2COptions options;
    private readonly VectorEnvironment environments;
    private readonly Adam optimizer;
    private readonly double[] runningReturns;
    private readonly int[] runningLengths;
    private double[][]? observations;

    public A2CAgent(Func<IEnvironment<double[], int>> environment, A2COptions? options = null)
        : base("a2c", environment, (options ?? new()).Seed)
    {
        this.options = options ?? new();
        this.options.Validate();
        environments = new VectorEnvironment(this.options.Environments, _ => MakeEnvironment());
        Actor = new PolicyNetwork(ObservationSize, this.options.Hidden, ActionCount, InitGenerator(this.options.Seed, 0));
        Critic = Mlp.Network(ObservationSize, this.options.Hidden, 1, InitGenerator(this.options.Seed, 1));
        optimizer = new Adam([.. Actor.Parameters(), .. Critic.Parameters()], lr: this.options.LearningRate);
        runningReturns = new double[this.options.Environments];
        runningLengths = new int[this.options.Environments];
    }

    public PolicyNetwork Actor { get; }
    public Sequential Critic { get; }
    public A2COptions Options => options;

    public override IReadOnlyList<EpisodeStatistics> TrainIteration()
    {
        int n = options.Environments, steps = options.Steps;
        observations ??= environments.Reset(NextEpisodeSeed());
        var states = new List<double[]>(n * steps);
        var actions = new long[n * steps];
        var rewards = new double[steps][];
        var ended = new bool[steps][];
        var finished = new List<EpisodeStatistics>();
        for (int t = 0; t < steps; t++)
        {
            var probabilities = Evaluate(Actor, Batch(observations), logits => logits.Softmax(1));
            var chosen = new int[n];
            for (int i = 0; i < n; i++) actions[t * n + i] = chosen[i] = SelectAction(probabilities.AsSpan(i * ActionCount, ActionCount), 0);
            states.AddRange(observations);
            var step = environments.Step(chosen);
            StepsDone += n;
            rewards[t] = (double[])step.Rewards.Clone();
            ended[t] = [.. Enumerable.Range(0, n).Select(step.Done)];
            for (int i = 0; i < n; i++)
            {
                if (step.Truncated[i]) rewards[t][i] += options.Gamma * Evaluate(Critic, Batch([step.FinalObservations[i]]))[0];
                runningReturns[i] += step.Rewards[i];
                runningLengths[i]++;
                if (!step.Done(i)) continue;
                finished.Add(new EpisodeStatistics(++EpisodesDone, runningReturns[i], runningLengths[i], 0, LastLoss));
                (runningReturns[i], runningLengths[i]) = (0, 0);
            }
            observations = step.Observations;
        }
        var bootstrap = Array.ConvertAll(Evaluate(Critic, Batch(observations)), v => (double)v);
        var returns = Returns.NStep(rewards, ended, bootstrap, options.Gamma).SelectMany(r => r).ToArray();
        LastLoss = Update(Batch(states), actions, returns);
        return finished;
    }

    /// <summary>One Adam step on the actor–critic loss; returns the total loss.</summary>
    private double Update(Tensor states, long[] actions, double[] returns)
    {
        var returnTensor = Tensor.FromArray([.. returns.Select(g => (float)g)]);
        var logits = Actor.Forward(states);
        var values = Critic.Forward(states).Squeeze(1);
        var advantages = returnTensor - values.Detach();
        var loss = PolicyGradient.SurrogateLoss(logits, Tensor.FromArray(actions), advantages)
                   + options.ValueCoefficient * Losses.MSE(values, returnTensor)
                   - options.EntropyCoefficient * PolicyGradient.Entropy(logits).Mean();
        optimizer.ZeroGrad();
        loss.Backward();
        if (options.MaxGradNorm is { } clip) ClipGradients.ByNorm([.. Actor.Parameters(), .. Critic.Parameters()], clip);
        Step(optimizer, loss);
        return loss.Item();
    }

    protected override IEnumerable<KeyValuePair<string, Tensor>> OwnState() =>
        throw new NotSupportedException("A2CAgent.StateDict: A2C cannot be checkpointed; its environment copies are mid-episode between iterations and their state is not exposed.");

    protected override void LoadOwnState(IReadOnlyDictionary<string, Tensor> state) =>
        throw new NotSupportedException("A2CAgent.LoadStateDict: A2C cannot be checkpointed; its environment copies are mid-episode between iterations and their state is not exposed.");
}
