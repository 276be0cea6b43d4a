using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.RL;

/// <summary>
/// Deep Q-learning (Mnih et al. 2015; Buduma ch9; NYU ch22): act ε-greedily on Q(s, ·), store every transition in a
/// FIFO <see cref="ReplayBuffer"/>, and every few steps take an Adam step on the TD loss between Q(s, a) and
/// y = r + γ·max_a′ Q⁻(s′, a′) from a target network Q⁻ that is a periodic copy (or a Polyak average) of Q.
/// Options add Double DQN's target and a dueling head. A truncated episode's last transition is stored as
/// non-terminal, so its target still bootstraps.
/// </summary>
public sealed class DqnAgent : Agent
{
    private readonly DqnOptions options;
    private readonly IEnvironment<double[], int> environment;
    private readonly Adam optimizer;

    public DqnAgent(Func<IEnvironment<double[], int>> environment, DqnOptions? options = null)
        : base("dqn", environment, (options ?? new()).Seed)
    {
        this.options = options ?? new();
        this.options.Validate();
        this.environment = MakeEnvironment();
        Online = new QNetwork(ObservationSize, this.options.Hidden, ActionCount, this.options.Dueling, InitGenerator(this.options.Seed, 0));
        Target = new QNetwork(ObservationSize, this.options.Hidden, ActionCount, this.options.Dueling, InitGenerator(this.options.Seed, 0));
        Target.LoadStateDict(Online.StateDict());
        Replay = new ReplayBuffer(this.options.ReplayCapacity, ObservationSize);
        optimizer = new Adam(Online.Parameters(), lr: this.options.LearningRate);
    }

    /// <summary>The network that acts and learns.</summary>
    public QNetwork Online { get; }

    /// <summary>The network that evaluates the bootstrap targets.</summary>
    public QNetwork Target { get; }

    public ReplayBuffer Replay { get; }
    public DqnOptions Options => options;

    /// <summary>One episode, with the updates that fall in it.</summary>
    public override IReadOnlyList<EpisodeStatistics> TrainIteration()
    {
        var observation = environment.Reset(NextEpisodeSeed());
        double total = 0, epsilon;
        int length = 0;
        while (true)
        {
            epsilon = options.Exploration.At(StepsDone);
            int action = SelectGreedy(Evaluate(Online, Batch([observation])), epsilon);
            var step = environment.Step(action);
            Replay.Add(observation, action, step.Reward, step.Observation, step.Terminated);
            StepsDone++;
            (total, length) = (total + step.Reward, length + 1);
            if (StepsDone >= options.LearningStarts && StepsDone % options.TrainEvery == 0) LastLoss = Learn();
            if (options.PolyakTau is null && StepsDone % options.TargetUpdateEvery == 0) Target.LoadStateDict(Online.StateDict());
            if (step.Done) break;
            observation = step.Observation;
        }
        return [new EpisodeStatistics(++EpisodesDone, total, length, epsilon, LastLoss)];
    }

    /// <summary>One gradient step on a minibatch drawn from <see cref="Replay"/>; returns the TD loss.</summary>
    public double Learn()
    {
        var batch = Replay.Sample(options.BatchSize, Generator);
        Tensor targets;
        using (Autograd.NoGrad())
            targets = DqnTargets.Compute(batch.Rewards, batch.Terminated, Target.Forward(batch.NextStates), options.Gamma,
                options.Double ? Online.Forward(batch.NextStates) : null);
        var predicted = Online.Forward(batch.States).Gather(1, batch.Actions.Unsqueeze(1)).Squeeze(1);
        var loss = options.Loss == TdLoss.Huber ? Losses.Huber(predicted, targets) : Losses.MSE(predicted, targets);
        optimizer.ZeroGrad();
        loss.Backward();
        if (options.MaxGradNorm is { } clip) ClipGradients.ByNorm(Online.Parameters(), clip);
        Step(optimizer, loss);
        if (options.PolyakTau is { } tau) PolyakUpdate(tau);
        return loss.Item();
    }

    /// <summary>θ⁻ ← θ⁻ + τ·(θ − θ⁻), i.e. τ·θ + (1 − τ)·θ⁻, in place.</summary>
    private void PolyakUpdate(double tau)
    {
        using var _ = Autograd.NoGrad();
        foreach (var (target, online) in Target.Parameters().Zip(Online.Parameters()))
            target.AddInPlace(online - target, alpha: tau);
    }

    protected override IEnumerable<KeyValuePair<string, Tensor>> OwnState() =>
    [
        .. Prefixed("online", Online.StateDict()),
        .. Prefixed("target", Target.StateDict()),
        .. Prefixed("optimizer", optimizer.StateDict()),
        .. Prefixed("replay", Replay.StateDict()),
    ];

    protected override void LoadOwnState(IReadOnlyDictionary<string, Tensor> state)
    {
        Online.LoadStateDict(Part(state, "online"));
        Target.LoadStateDict(Part(state, "target"));
        optimizer.LoadStateDict(Part(state, "optimizer"));
        Replay.LoadStateDict(Part(state, "replay"));
    }
}
