namespace Sharpgrad.RL;

/// <summary>One outcome of taking an action in a state: p(s', r | s, a) of Sutton &amp; Barto eq. 3.2.</summary>
public readonly record struct Transition(double Probability, int NextState, double Reward);
