using Sharpgrad.NN;

namespace Sharpgrad.RL;

/// <summary>An action-value network Q(s, ·): an MLP body and either a linear output layer or a <see cref="DuelingHead"/>.</summary>
public sealed class QNetwork : Module<Tensor, Tensor>
{
    public QNetwork(int observations, IReadOnlyList<int> hidden, int actions, bool dueling, Generator generator)
    {
        Body = RegisterModule("body", Mlp.Body(observations, hidden, generator));
        Head = RegisterModule<Module<Tensor, Tensor>>("head", dueling
            ? new DuelingHead(hidden[^1], actions, generator)
            : new Linear(hidden[^1], actions, generator: generator));
    }

    public Sequential Body { get; }
    public Module<Tensor, Tensor> Head { get; }

    protected override Tensor ForwardCore(Tensor input) => Head.Forward(Body.Forward(input));
}
