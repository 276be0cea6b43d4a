namespace Sharpgrad.Training;

/// <summary>
/// Grid search (GBC §11.4.3): every combination of the listed values, i.e. the Cartesian product of the dimensions,
/// in odometer order (the last dimension varies fastest). The number of trials grows exponentially with the number of
/// hyper-parameters, which is why random search is preferred beyond two or three of them.
/// </summary>
public static class GridSearch
{
    public static IReadOnlyList<Trial> Trials(SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var lists = space.Dimensions.Select(d => d.GridValues
            ?? throw new ArgumentException($"GridSearch: '{d.Name}' ({d}) is a continuous range; a grid needs a list of values (Hyperparameter.Categorical).")).ToArray();
        var trials = new List<Trial>();
        var picks = new int[lists.Length];
        while (true)
        {
            trials.Add(new Trial(trials.Count + 1,
                space.Dimensions.Select((d, i) => new KeyValuePair<string, object>(d.Name, lists[i][picks[i]]))));
            int dim = lists.Length - 1;
            while (dim >= 0 && ++picks[dim] == lists[dim].Count) picks[dim--] = 0;
            if (dim < 0) return trials;
        }
    }
}
