using System.Globalization;

namespace Sharpgrad.Optim;

// Checkpointing. The state dict is flat, like a model's, so that a safetensors writer can store it as is:
//   "param_groups.{g}.params"  int64 [n]  the global indices of group g's parameters (0, 1, ... across groups)
//   "param_groups.{g}.{option}" float64 0-d  every hyper-parameter of group g ("lr", "weight_decay", "beta1", ...)
//   "state.{i}.{name}"          the state of parameter i ("momentum_buffer", "exp_avg", "step", ...), in its dtype
// A parameter that has not been stepped yet has no "state.{i}.*" keys. Together these are everything the next
// Step reads, so a resumed run is bitwise identical to an uninterrupted one.
public abstract partial class Optimizer
{
    /// <summary>A snapshot of the hyper-parameters and per-parameter state (copies, so later steps do not change it).</summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var dict = new Dictionary<string, Tensor>();
        int index = 0;
        for (int g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            dict[GroupKey(g, "params")] = Tensor.Arange(index, index + group.Params.Count, 1, DType.Int64);
            foreach (var (option, value) in group.Options)
                dict[GroupKey(g, option)] = Tensor.Scalar(value, DType.Float64);
            foreach (var p in group.Params)
            {
                if (states.TryGetValue(p, out var state))
                    foreach (var (name, tensor) in state.Tensors)
                        dict[StateKey(index, name)] = tensor.Clone();
                index++;
            }
        }
        return dict;
    }

    /// <summary>
    /// Restores what <see cref="StateDict"/> saved, into an optimiser of the same kind over parameters with the same
    /// grouping and shapes. The saved hyper-parameters replace the current ones, as in PyTorch. Everything is
    /// checked before anything changes: a missing, unexpected or wrongly shaped key raises and leaves the
    /// optimiser as it was.
    /// </summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> stateDict)
    {
        string op = $"{Name}.LoadStateDict";
        var used = new HashSet<string>();

        Tensor Take(string key, string why)
        {
            if (!stateDict.TryGetValue(key, out var t)) throw new ArgumentException($"{op}: missing key '{key}' ({why}).");
            used.Add(key);
            return t;
        }

        int savedGroups = stateDict.Keys.Where(k => k.StartsWith("param_groups.", StringComparison.Ordinal))
            .Select(k => k.Split('.')[1]).Distinct().Count();
        if (savedGroups != groups.Count)
            throw new ArgumentException($"{op}: the state dict has {savedGroups} parameter group(s), but the optimizer has {groups.Count}.");

        // 1. Hyper-parameters, checked with the optimiser's own rules.
        var loadedGroups = new List<ParamGroup>();
        int index = 0;
        for (int g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var expected = Enumerable.Range(index, group.Params.Count).Select(i => (long)i).ToArray();
            var saved = Take(GroupKey(g, "params"), $"the indices of group {g}'s parameters");
            if (saved.Rank != 1 || saved.Count != expected.Length)
                throw new ArgumentException($"{op}: '{GroupKey(g, "params")}' lists {saved.Count} parameter(s) (shape {saved.ShapeText}), " +
                                            $"but group {g} of the optimizer has {expected.Length}.");
            if (!saved.To(DType.Int64).ToArray<long>().SequenceEqual(expected))
                throw new ArgumentException($"{op}: '{GroupKey(g, "params")}' is [{string.Join(", ", saved.ToDoubleArray())}], " +
                                            $"expected [{string.Join(", ", expected)}]; the parameters are grouped differently.");

            var options = new OrderedDictionary<string, double>();
            foreach (var option in group.Options.Keys)
            {
                var value = Take(GroupKey(g, option), $"the hyper-parameter {option} of group {g}");
                if (value.Count != 1)
                    throw new ArgumentException($"{op}: '{GroupKey(g, option)}' must hold one value, got shape {value.ShapeText}.");
                options[option] = value.Item();
            }
            var candidate = new ParamGroup(Name, group.Params, options, ValidateFinite);
            ValidateFinite(candidate);
            loadedGroups.Add(candidate);
            index += group.Params.Count;
        }

        // 2. Per-parameter state, checked against the layout a first step would create under the loaded options.
        var loadedStates = new Dictionary<Tensor, ParameterState>(ReferenceEqualityComparer.Instance);
        index = 0;
        foreach (var group in loadedGroups)
            foreach (var p in group.Params)
            {
                string prefix = StateKey(index, "");
                if (stateDict.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    var state = CreateState(p, group);
                    foreach (var (name, slot) in state.Tensors)
                    {
                        var value = Take(StateKey(index, name), $"{Name} keeps {string.Join(", ", state.Tensors.Keys)} for each stepped parameter");
                        if (!Tensor.SameShape(value, slot))
                            throw new ArgumentException($"{op}: '{StateKey(index, name)}' has shape {value.ShapeText}, expected {slot.ShapeText} " +
                                                        $"(parameter {index} has shape {p.ShapeText}).");
                        slot.CopyFrom(value); // a copy in the slot's dtype: the optimiser never aliases the caller's tensors
                    }
                    loadedStates.Add(p, state);
                }
                index++;
            }

        var unexpected = stateDict.Keys.Where(k => !used.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unexpected.Count > 0)
            throw new ArgumentException($"{op}: unexpected key(s) {string.Join(", ", unexpected.Take(8).Select(k => $"'{k}'"))}" +
                                        $"{(unexpected.Count > 8 ? $" and {unexpected.Count - 8} more" : "")}; they do not belong to a {Name} over these parameters.");

        // 3. Commit.
        for (int g = 0; g < groups.Count; g++) groups[g].ReplaceOptions(loadedGroups[g].Options);
        states.Clear();
        foreach (var (p, state) in loadedStates) states.Add(p, state);
    }

    private static string GroupKey(int group, string option) => $"param_groups.{group.ToString(CultureInfo.InvariantCulture)}.{option}";

    private static string StateKey(int parameter, string name) => $"state.{parameter.ToString(CultureInfo.InvariantCulture)}.{name}";
}
