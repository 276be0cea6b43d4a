using Sharpgrad.Cli.Commands;

namespace Sharpgrad.Cli.Training;

/// <summary>The environments <c>sharpgrad rl train --env</c> offers.</summary>
public enum RlEnvironmentKind
{
    [ChoiceName("cartpole")]
    CartPole,
}
