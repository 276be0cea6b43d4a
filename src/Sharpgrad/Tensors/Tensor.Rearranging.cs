namespace Sharpgrad;

// Moving elements to other places: rolling, flipping, repeating. Each is built from differentiable copies (Narrow +
// Cat, IndexSelect, Expand + Reshape), so its gradient routes every incoming value back to where it came from.
public sealed partial class Tensor
{
    /// <summary>
    /// Shifts the elements along <paramref name="dim"/> by <paramref name="shifts"/> places, wrapping around; without a
    /// dim the tensor is rolled as if flattened (torch.roll).
    /// </summary>
    public Tensor Roll(int shifts, int? dim = null)
        => dim is { } d ? Roll([shifts], [d]) : Rank == 0 ? this : Reshape(-1).Roll([shifts], [0]).View(shape);

    /// <summary>Rolls by <c>shifts[i]</c> along <c>dims[i]</c> for each i.</summary>
    public Tensor Roll(int[] shifts, int[] dims)
    {
        if (shifts.Length != dims.Length)
            throw new ArgumentException($"Roll: shifts [{string.Join(", ", shifts)}] and dims [{string.Join(", ", dims)}] must have the same length.");
        var result = this;
        for (int i = 0; i < dims.Length; i++)
        {
            int d = ShapeUtil.NormalizeDim(dims[i], Rank, "Roll");
            int n = Rank == 0 ? 1 : shape[d];
            if (n == 0 || Rank == 0) continue;
            int s = ((shifts[i] % n) + n) % n;
            if (s != 0) result = Cat([result.Narrow(d, n - s, s), result.Narrow(d, 0, n - s)], d);
        }
        return result;
    }

    /// <summary>Reverses the order of the elements along each of <paramref name="dims"/> (a copy, as torch.flip).</summary>
    public Tensor Flip(params int[] dims)
    {
        var normalized = dims.Select(d => ShapeUtil.NormalizeDim(d, Rank, "Flip")).ToArray();
        if (normalized.Distinct().Count() != normalized.Length)
            throw new ArgumentException($"Flip: dims [{string.Join(", ", dims)}] repeat a dim.");
        if (Rank == 0) return Clone();
        var result = this;
        foreach (int d in normalized) result = result.IndexSelect(d, Arange(shape[d] - 1, -1, -1, DType.Int64));
        return result;
    }

    /// <summary>
    /// Repeats each element (or, with a dim, each slice along it) <paramref name="repeats"/> times in place:
    /// [a, b].RepeatInterleave(2) = [a, a, b, b]. Without a dim the tensor is flattened first.
    /// </summary>
    public Tensor RepeatInterleave(int repeats, int? dim = null)
    {
        if (repeats < 0) throw new ArgumentException($"RepeatInterleave: repeats must be non-negative, got {repeats}.");
        return RepeatInterleave(Full([1], repeats, DType.Int64), dim);
    }

    /// <summary>
    /// Repeats element (or slice) i <c>repeats[i]</c> times; <paramref name="repeats"/> is int64, 1-D with one entry per
    /// element of the dim, or a single value used for all.
    /// </summary>
    public Tensor RepeatInterleave(Tensor repeats, int? dim = null)
    {
        var source = dim is null ? Reshape(-1) : this;
        int d = ShapeUtil.NormalizeDim(dim ?? 0, source.Rank, "RepeatInterleave");
        int n = source.Rank == 0 ? 1 : source.shape[d];
        if (repeats.DType != DType.Int64 || repeats.Rank > 1 || (repeats.Count != 1 && repeats.Count != n))
            throw new ArgumentException($"RepeatInterleave: repeats must be an int64 tensor of one value or of {n} values (the size of dim {d} of shape {source.ShapeText}), got {repeats.DType.Name()} of shape {repeats.ShapeText}.");
        var counts = repeats.Reshape(-1).Expand(n).ToArray<long>();
        if (counts.Any(c => c < 0))
            throw new ArgumentException($"RepeatInterleave: repeats must be non-negative, got [{string.Join(", ", counts)}].");
        var index = new List<long>();
        for (int i = 0; i < n; i++)
            for (long r = 0; r < counts[i]; r++) index.Add(i);
        if (source.Rank == 0) source = source.Reshape(1);
        return source.IndexSelect(d, FromArray(index.ToArray()));
    }

    /// <summary>
    /// Repeats the whole tensor <c>reps[i]</c> times along dim i (torch.tile): missing reps count as 1, and extra reps
    /// add leading dims. [a, b].Tile(2) = [a, b, a, b].
    /// </summary>
    public Tensor Tile(params int[] reps)
    {
        if (reps.Any(r => r < 0)) throw new ArgumentException($"Tile: repetitions {ShapeUtil.Format(reps)} must be non-negative.");
        int rank = Math.Max(Rank, reps.Length);
        int[] fullReps = [.. Enumerable.Repeat(1, rank - reps.Length), .. reps];
        int[] sizes = [.. Enumerable.Repeat(1, rank - Rank), .. shape];
        // View [s₀, s₁, …] as [1, s₀, 1, s₁, …], broadcast the 1s to the reps, then merge each (rep, size) pair.
        var interleaved = sizes.SelectMany(s => new[] { 1, s }).ToArray();
        var expanded = sizes.SelectMany((s, i) => new[] { fullReps[i], s }).ToArray();
        return Reshape(interleaved).Expand(expanded).Reshape(sizes.Select((s, i) => s * fullReps[i]).ToArray());
    }
}
