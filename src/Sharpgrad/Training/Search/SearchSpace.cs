namespace Sharpgrad.Training;

/// <summary>The hyper-parameters of a search, in order; names must be unique.</summary>
public sealed class SearchSpace
{
    public SearchSpace(params Hyperparameter[] dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        if (dimensions.Length == 0) throw new ArgumentException("SearchSpace: expected at least one hyper-parameter.");
        var duplicate = dimensions.GroupBy(d => d.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"SearchSpace: the hyper-parameter '{duplicate.Key}' is listed {duplicate.Count()} times.");
        Dimensions = dimensions.ToArray();
    }

    public IReadOnlyList<Hyperparameter> Dimensions { get; }
}
