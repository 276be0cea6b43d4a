namespace Sharpgrad.RL;

/// <summary>The set an observation or an action is drawn from (gymnasium's spaces).</summary>
public abstract class Space
{
    /// <summary>A uniform sample from the space, drawn from <paramref name="generator"/>.</summary>
    public abstract object Sample(Generator generator);
}
