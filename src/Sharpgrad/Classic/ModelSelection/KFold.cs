namespace Sharpgrad.Classic;

/// <summary>One round of cross-validation: the example indices to train on and to test on.</summary>
public sealed record Fold(int[] Train, int[] Test);

/// <summary>
/// k-fold partition of N examples (GBC Alg. 5.1): the examples (shuffled with a seeded <see cref="Generator"/> if
/// <see cref="Shuffle"/>, else in order) are cut into k contiguous folds, the first N mod k one example larger, as
/// scikit-learn's KFold; each fold is the test set once while the other k − 1 train.
/// </summary>
public class KFold
{
    public KFold(int splits = 5, bool shuffle = false, long seed = 0)
    {
        if (splits < 2) throw new ArgumentOutOfRangeException(nameof(splits), splits, $"KFold: needs at least 2 splits, got {splits}.");
        Splits = splits;
        Shuffle = shuffle;
        Seed = seed;
    }

    public int Splits { get; }
    public bool Shuffle { get; }
    public long Seed { get; }

    /// <summary>The folds of N examples; <paramref name="y"/> is used only by <see cref="StratifiedKFold"/>.</summary>
    public virtual IReadOnlyList<Fold> Split(int n, Tensor? y = null)
    {
        if (n < Splits) throw new ArgumentException($"KFold.Split: cannot make {Splits} folds of {n} samples.");
        var order = Shuffle ? new Generator(Seed).Permutation(n) : Enumerable.Range(0, n).ToArray();
        var groups = new IEnumerable<int>[Splits];
        int start = 0;
        for (int k = 0; k < Splits; k++)
        {
            int size = n / Splits + (k < n % Splits ? 1 : 0);      // the first n mod k folds take one extra
            groups[k] = order[start..(start + size)];
            start += size;
        }
        return Assemble(n, groups);
    }

    /// <summary>Turns k test-index groups into folds whose training set is everything else.</summary>
    protected static IReadOnlyList<Fold> Assemble(int n, IEnumerable<int>[] testGroups) =>
        testGroups.Select(group =>
        {
            var test = group.Order().ToArray();
            var inTest = new HashSet<int>(test);
            return new Fold(Enumerable.Range(0, n).Where(i => !inTest.Contains(i)).ToArray(), test);
        }).ToList();
}

/// <summary>
/// k-fold that keeps the class proportions in every fold: each class's examples (shuffled if asked) are dealt into
/// the folds in sizes differing by at most one, so each fold gets about 1/k of every class.
/// </summary>
public sealed class StratifiedKFold(int splits = 5, bool shuffle = false, long seed = 0) : KFold(splits, shuffle, seed)
{
    public override IReadOnlyList<Fold> Split(int n, Tensor? y = null)
    {
        if (y is null || y.Rank != 1 || y.Size(0) != n || y.DType != DType.Int64)
            throw new ArgumentException($"StratifiedKFold.Split: needs int64 labels [{n}], got {(y is null ? "none" : $"{y.DType.Name()} {ShapeUtil.Format(y.Shape)}")}.");
        var generator = new Generator(Seed);
        var groups = Enumerable.Range(0, Splits).Select(_ => new List<int>()).ToArray();
        int offset = 0;                      // rotates which folds get a class's extra examples, to balance fold sizes
        foreach (var members in TrainTestSplit.IndicesByClass(y))
        {
            if (members.Length < Splits)
                throw new ArgumentException($"StratifiedKFold.Split: a class has only {members.Length} examples, fewer than the {Splits} folds.");
            var ordered = Shuffle ? generator.Permutation(members.Length).Select(i => members[i]).ToArray() : members;
            for (int k = 0; k < ordered.Length; k++) groups[(k + offset) % Splits].Add(ordered[k]);
            offset = (offset + ordered.Length) % Splits;
        }
        return Assemble(n, groups);
    }
}
