using Sharpgrad.NN;

namespace Sharpgrad.RL;

/// <summary>
/// A policy π(a | s) = softmax(Head(Body(s))): Buduma ch9's 4 → 16 → 16 → 2 network for CartPole with hidden
/// sizes [16, 16]. <see cref="Module{TInput, TResult}.Forward"/> returns the logits; the last hidden features are
/// reachable through <see cref="Body"/> because the optimal constant baseline needs them.
/// </summary>
public sealed class PolicyNetwork : Module<Tensor, Tensor>
{
    public PolicyNetwork(int observations, IReadOnlyList<int> hidden, int actions, Generator generator)
    {
        Body = RegisterModule("body", Mlp.Body(observations, hidden, generator));
        Head = RegisterModule("head", new Linear(hidden[^1], actions, generator: generator));
    }

    /// <summary>The hidden layers, each Linear and ReLU.</summary>
    public Sequential Body { get; }

    /// <summary>The output layer, giving one logit per action.</summary>
    public Linear Head { get; }

    protected override Tensor ForwardCore(Tensor input) => Head.Forward(Body.Forward(input));
}
