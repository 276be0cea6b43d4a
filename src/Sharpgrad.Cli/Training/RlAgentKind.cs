namespace Sharpgrad.Cli.Training;

/// <summary>The agents <c>sharpgrad rl train --agent</c> offers.</summary>
public enum RlAgentKind
{
    Reinforce,
    A2c,
    Dqn,
}
