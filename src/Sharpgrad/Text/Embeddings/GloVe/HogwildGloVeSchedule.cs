namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// glove.c's parallel epoch: the entries are shuffled (with the model's generator, on one thread), the shuffled list is
/// cut into one contiguous share per thread, and every thread steps its share on the shared parameters in place,
/// without locks (HOGWILD!, Recht et al. 2011; NYU's lock-free SGD). Two threads may step entries that share a word
/// row, a context row or a bias at the same moment, and one may then overwrite part of the other's update; the steps
/// are sparse (2d + 2 parameters of V·(2d + 2)), so that is rare and SGD shrugs it off. The price is determinism:
/// with more than one thread the interleaving, and so the last bits (growing with training), depend on the scheduler.
/// With one thread this is exactly the sequential algorithm.
/// </summary>
internal sealed class HogwildGloVeSchedule(GloVe model, CooccurrenceMatrix x, Generator random) : GloVeSchedule
{
    private readonly int[] order = [.. Enumerable.Range(0, x.Entries.Count)];

    public override double Epoch(int epoch)
    {
        Shuffle(order, random);
        int shares = Math.Min(model.Options.Threads, order.Length);
        if (shares == 1) return Steps(model, x.Entries, order);
        var costs = new double[shares];
        Parallel.For(0, shares, new ParallelOptions { MaxDegreeOfParallelism = shares }, s =>
        {
            int from = (int)((long)order.Length * s / shares), to = (int)((long)order.Length * (s + 1) / shares);
            costs[s] = Steps(model, x.Entries, order.AsSpan(from, to - from));
        });
        return costs.Sum();
    }
}
