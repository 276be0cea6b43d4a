namespace Sharpgrad.RL;

/// <summary>The integers 0, 1, …, <see cref="Count"/> − 1 (gymnasium's Discrete(n)).</summary>
public sealed class DiscreteSpace : Space
{
    public DiscreteSpace(int count)
    {
        if (count <= 0) throw new ArgumentException($"DiscreteSpace: count must be positive, got {count}.", nameof(count));
        Count = count;
    }

    /// <summary>How many values the space holds.</summary>
    public int Count { get; }

    public bool Contains(int value) => value >= 0 && value < Count;

    /// <summary>Throws the error every environment gives for an action outside the space.</summary>
    public void CheckContains(int value, string owner)
    {
        if (!Contains(value))
            throw new ArgumentException($"{owner}: action must be in [0, {Count}), got {value}.", nameof(value));
    }

    public override object Sample(Generator generator) => (int)generator.NextInt64(Count);

    public override string ToString() => $"Discrete({Count})";
}
