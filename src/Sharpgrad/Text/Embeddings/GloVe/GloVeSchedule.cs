namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// How one epoch of <see cref="GloVe"/> spreads its AdaGrad steps (one per non-zero co-occurrence entry) over threads:
/// <see cref="HogwildGloVeSchedule"/> (glove.c's way, the default) or <see cref="StratifiedGloVeSchedule"/> (the
/// deterministic mode).
/// </summary>
internal abstract class GloVeSchedule
{
    /// <summary>Picks the schedule the options ask for.</summary>
    public static GloVeSchedule For(GloVe model, CooccurrenceMatrix x, Generator random) => model.Options.Deterministic
        ? new StratifiedGloVeSchedule(model, x)
        : new HogwildGloVeSchedule(model, x, random);

    /// <summary>Runs epoch <paramref name="epoch"/> (from 0) and returns Σ ½ f r² over its entries, each measured before its step.</summary>
    public abstract double Epoch(int epoch);

    /// <summary>Fisher–Yates in place.</summary>
    protected static void Shuffle(Span<int> order, Generator random)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = (int)random.NextInt64(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// <summary>Steps <paramref name="model"/> through the entries <paramref name="order"/> names, in that order; returns their summed cost.</summary>
    protected static double Steps(GloVe model, IReadOnlyList<CooccurrenceMatrix.Entry> entries, ReadOnlySpan<int> order)
    {
        double cost = 0;
        foreach (int n in order) cost += model.Step(entries[n]);
        return cost;
    }
}
