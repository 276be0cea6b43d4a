using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.RL;

/// <summary>
/// REINFORCE (Williams 1992; GBC §20.9.1; Buduma ch9): play <see cref="ReinforceOptions.EpisodesPerUpdate"/> whole
/// episodes with the current policy, compute every step's discounted return G_t, and take one Adam step on the
/// surrogate loss −mean_t log π(a_t|s_t)·(G_t − b) over all their steps. The baseline b is 0, the optimal constant
/// or a learned V(s) (<see cref="Baseline"/>).
/// </summary>
/// <remarks>
/// Exploration is Buduma's: with probability ε (annealed over episodes) the action is uniform, otherwise sampled
/// from π. The estimator then weights the random actions as though π had chosen them, which is what his code does;
/// as ε falls the samples become on-policy.
/// The optimal constant baseline uses the squared score norm over the output layer's weights only, where it has a
/// closed form (<see cref="PolicyGradient.OutputLayerSquaredScoreNorms"/>); the full norm would need one backward
/// pass per step.
/// </remarks>
public sealed class ReinforceAgent : Agent
{
    private readonly ReinforceOptions options;
    private readonly IEnvironment<double[], int> environment;
    private readonly Adam optimizer;

    public ReinforceAgent(Func<IEnvironment<double[], int>> environment, ReinforceOptions? options = null)
        : base("reinforce", environment, (options ?? new()).Seed)
    {
        this.options = options ?? new();
        this.options.Validate();
        this.environment = MakeEnvironment();
        Policy = new PolicyNetwork(ObservationSize, this.options.Hidden, ActionCount, InitGenerator(this.options.Seed, 0));
        if (this.options.Baseline == Baseline.LearnedValue)
            Value = Mlp.Network(ObservationSize, this.options.Hidden, 1, InitGenerator(this.options.Seed, 1));
        optimizer = new Adam([.. Policy.Parameters(), .. Value?.Parameters() ?? []], lr: this.options.LearningRate);
    }

    public PolicyNetwork Policy { get; }

    /// <summary>The learned baseline V(s), when <see cref="ReinforceOptions.Baseline"/> asks for one.</summary>
    public Sequential? Value { get; }

    public ReinforceOptions Options => options;

    public override IReadOnlyList<EpisodeStatistics> TrainIteration()
    {
        double epsilon = options.Exploration.At(EpisodesDone);
        var observations = new List<double[]>();
        var actions = new List<long>();
        var returns = new List<double>();
        var episodes = new List<(double Return, int Length)>();
        for (int k = 0; k < options.EpisodesPerUpdate; k++)
        {
            var rewards = RunEpisode(epsilon, observations, actions);
            returns.AddRange(Returns.Discounted(rewards, options.Gamma));
            episodes.Add((rewards.Sum(), rewards.Count));
        }
        LastLoss = Update(Batch(observations), actions.ToArray(), returns.ToArray());
        return [.. episodes.Select(e => new EpisodeStatistics(++EpisodesDone, e.Return, e.Length, epsilon, LastLoss))];
    }

    /// <summary>Plays one episode, appending each state and action; returns the rewards.</summary>
    private List<double> RunEpisode(double epsilon, List<double[]> observations, List<long> actions)
    {
        var rewards = new List<double>();
        var observation = environment.Reset(NextEpisodeSeed());
        while (true)
        {
            var probabilities = Evaluate(Policy, Batch([observation]), logits => logits.Softmax(1));
            int action = SelectAction(probabilities, epsilon);
            observations.Add(observation);
            actions.Add(action);
            var step = environment.Step(action);
            StepsDone++;
            rewards.Add(step.Reward);
            if (step.Done) return rewards;
            observation = step.Observation;
        }
    }

    /// <summary>One Adam step on the surrogate loss (plus the value regression); returns the policy loss.</summary>
    private double Update(Tensor states, long[] actions, double[] returns)
    {
        var actionTensor = Tensor.FromArray(actions);
        var returnTensor = Tensor.FromArray([.. returns.Select(g => (float)g)]);
        var features = Policy.Body.Forward(states);
        var logits = Policy.Head.Forward(features);
        Tensor? valueLoss = null;
        Tensor advantages;
        switch (options.Baseline)
        {
            case Baseline.LearnedValue:
                var values = Value!.Forward(states).Squeeze(1);
                valueLoss = Losses.MSE(values, returnTensor);
                advantages = returnTensor - values.Detach();
                break;
            case Baseline.OptimalConstant:
                float[] probabilities, hidden;
                using (Autograd.NoGrad())
                {
                    probabilities = logits.Softmax(1).ToArray<float>();
                    hidden = features.ToArray<float>();
                }
                var norms = PolicyGradient.OutputLayerSquaredScoreNorms(probabilities, actions, hidden, options.Hidden[^1]);
                advantages = returnTensor - PolicyGradient.OptimalConstantBaseline(returns, norms);
                break;
            default:
                advantages = returnTensor;
                break;
        }
        if (options.NormalizeAdvantages) advantages = ScaleToUnitDeviation(advantages);
        var policyLoss = PolicyGradient.SurrogateLoss(logits, actionTensor, advantages);
        optimizer.ZeroGrad();
        var loss = valueLoss is null ? policyLoss : policyLoss + valueLoss;
        loss.Backward();
        Step(optimizer, loss);
        return policyLoss.Item();
    }

    /// <summary>A/std(A): rescales the step without moving the baseline (centring would add the batch mean as one).</summary>
    private static Tensor ScaleToUnitDeviation(Tensor advantages)
    {
        using var _ = Autograd.NoGrad();
        double std = Math.Sqrt((advantages - advantages.Mean()).Pow(2).Mean().Item());
        return std > 1e-8 ? advantages * (1 / std) : advantages;
    }

    protected override IEnumerable<KeyValuePair<string, Tensor>> OwnState() =>
    [
        .. Prefixed("policy", Policy.StateDict()),
        .. Value is null ? [] : Prefixed("value", Value.StateDict()),
        .. Prefixed("optimizer", optimizer.StateDict()),
    ];

    protected override void LoadOwnState(IReadOnlyDictionary<string, Tensor> state)
    {
        Policy.LoadStateDict(Part(state, "policy"));
        Value?.LoadStateDict(Part(state, "value"));
        optimizer.LoadStateDict(Part(state, "optimizer"));
    }
}
