namespace Sharpgrad.Training;

/// <summary>
/// Random search (GBC §11.4.4; Bergstra and Bengio 2012): each trial draws every hyper-parameter independently from
/// its distribution. When only a few hyper-parameters matter, random search tries many more distinct values of each
/// than a grid of the same cost, so it finds good settings faster. The same seed gives the same trials.
/// </summary>
public static class RandomSearch
{
    public static IReadOnlyList<Trial> Trials(SearchSpace space, int count, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), $"RandomSearch: count must be at least 1, got {count}.");
        var generator = new Generator(seed);
        return Enumerable.Range(1, count)
            .Select(n => new Trial(n, space.Dimensions.Select(d => new KeyValuePair<string, object>(d.Name, d.Sample(generator)))))
            .ToList();
    }
}
