namespace Sharpgrad.RL;

/// <summary>
/// A finite MDP whose model is known: states 0…<see cref="StateCount"/> − 1, actions 0…<see cref="ActionCount"/> − 1
/// and the dynamics p(s', r | s, a) (Sutton &amp; Barto §3.1). This is what dynamic programming needs and what a
/// model-free learner (Q-learning) is not given.
/// </summary>
public interface IMarkovDecisionProcess
{
    int StateCount { get; }
    int ActionCount { get; }

    /// <summary>A terminal state has no actions and value 0 by definition.</summary>
    bool IsTerminal(int state);

    /// <summary>The outcomes of <paramref name="action"/> in a non-terminal <paramref name="state"/>; probabilities sum to 1.</summary>
    IReadOnlyList<Transition> Transitions(int state, int action);
}
