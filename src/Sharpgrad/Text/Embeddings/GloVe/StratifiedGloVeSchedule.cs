namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// The deterministic parallel epoch: stratified SGD (Gemulla, Nijkamp, Haas &amp; Sismanis 2011, "DSGD", for matrix
/// factorisation, which GloVe is: a weighted low-rank fit of log X). Word i belongs to group i mod P (words are sorted
/// by frequency, so round-robin spreads the heavy rows evenly), which cuts X into P × P blocks; block (p, q) holds the
/// entries whose row is in group p and column in group q, and a step on it touches only w and b of group p and w̃ and
/// b̃ of group q (with their AdaGrad accumulators). Stratum s is the P blocks (p, (p + s) mod P): no two share a group
/// on either side, so their steps touch disjoint parameters and can run on any threads in any order with the same
/// result. Each block steps its entries in its own seeded order (keyed by epoch and block, not by thread); the strata
/// run one after the other, and the costs are summed in block order. So the bits depend on the seed and P alone.
/// </summary>
/// <remarks>
/// The price, against HOGWILD!: a stratum waits for its slowest block (blocks differ in size), the entries are
/// visited stratum by stratum rather than in one global random order, and at most P threads find work. Every step
/// sees every earlier one exactly (no staleness), unlike a snapshot-and-merge scheme.
/// </remarks>
internal sealed class StratifiedGloVeSchedule : GloVeSchedule
{
    private readonly GloVe model;
    private readonly CooccurrenceMatrix x;
    private readonly int groups;
    private readonly int[][] blocks; // blocks[p * P + q]: the entry indices of block (p, q)

    public StratifiedGloVeSchedule(GloVe model, CooccurrenceMatrix x)
    {
        this.model = model;
        this.x = x;
        groups = model.Options.Strata;
        var lists = Enumerable.Range(0, groups * groups).Select(_ => new List<int>()).ToArray();
        for (int n = 0; n < x.Entries.Count; n++)
        {
            var e = x.Entries[n];
            lists[e.Row % groups * groups + e.Column % groups].Add(n);
        }
        blocks = [.. lists.Select(l => l.ToArray())];
    }

    public override double Epoch(int epoch)
    {
        var costs = new double[groups];
        double total = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = model.Options.Threads };
        for (int stratum = 0; stratum < groups; stratum++)
        {
            Parallel.For(0, groups, parallel, p =>
            {
                int block = p * groups + (p + stratum) % groups;
                Shuffle(blocks[block], new Generator(Word2VecWorker.BlockSeed(model.Options.Seed, (long)epoch * groups * groups + block)));
                costs[p] = Steps(model, x.Entries, blocks[block]);
            });
            foreach (double cost in costs) total += cost;
        }
        return total;
    }
}
