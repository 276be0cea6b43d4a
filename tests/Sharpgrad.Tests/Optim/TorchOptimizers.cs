using System.Text.Json;
using Sharpgrad.Optim;

namespace Sharpgrad.Tests.Optim;

/// <summary>
/// Builds our optimisers from a torch.optim class name and its keyword arguments, as recorded in
/// Fixtures/optim_trajectories.json. Every kwarg is mapped by hand; one we do not know fails the test, so a new
/// fixture option can never be ignored silently.
/// </summary>
public static class TorchOptimizers
{
    public static Optimizer Create(string optimizer, JsonElement kwargs, IEnumerable<Tensor> parameters)
    {
        var args = new Kwargs(optimizer, kwargs);
        Optimizer result = optimizer switch
        {
            "SGD" => new SGD(parameters, args.Double("lr"), args.Double("momentum", 0), args.Double("dampening", 0),
                args.Double("weight_decay", 0), args.Bool("nesterov", false)),
            "Adam" => new Adam(parameters, args.Double("lr", 1e-3), args.Beta(0, 0.9), args.Beta(1, 0.999),
                args.Double("eps", 1e-8), args.Double("weight_decay", 0), args.Bool("amsgrad", false)),
            "AdamW" => new AdamW(parameters, args.Double("lr", 1e-3), args.Beta(0, 0.9), args.Beta(1, 0.999),
                args.Double("eps", 1e-8), args.Double("weight_decay", 1e-2), args.Bool("amsgrad", false)),
            "Adagrad" => new Adagrad(parameters, args.Double("lr", 1e-2), args.Double("lr_decay", 0), args.Double("weight_decay", 0),
                args.Double("initial_accumulator_value", 0), args.Double("eps", 1e-10)),
            "RMSprop" => new RMSprop(parameters, args.Double("lr", 1e-2), args.Double("alpha", 0.99), args.Double("eps", 1e-8),
                args.Double("weight_decay", 0), args.Double("momentum", 0), args.Bool("centered", false)),
            "Adadelta" => new Adadelta(parameters, args.Double("lr", 1.0), args.Double("rho", 0.9), args.Double("eps", 1e-6),
                args.Double("weight_decay", 0)),
            "NAdam" => new NAdam(parameters, args.Double("lr", 2e-3), args.Beta(0, 0.9), args.Beta(1, 0.999),
                args.Double("eps", 1e-8), args.Double("weight_decay", 0), args.Double("momentum_decay", 4e-3)),
            "Adamax" => new Adamax(parameters, args.Double("lr", 2e-3), args.Beta(0, 0.9), args.Beta(1, 0.999),
                args.Double("eps", 1e-8), args.Double("weight_decay", 0)),
            "LBFGS" => new LBFGS(parameters, args.Double("lr", 1), (int)args.Double("max_iter", 20), args.Int("max_eval"),
                args.Double("tolerance_grad", 1e-7), args.Double("tolerance_change", 1e-9), (int)args.Double("history_size", 100),
                args.String("line_search_fn") switch
                {
                    null => LineSearch.None,
                    "strong_wolfe" => LineSearch.StrongWolfe,
                    var other => throw new NotSupportedException($"TorchOptimizers: LBFGS line_search_fn '{other}' has no C# counterpart."),
                }),
            _ => throw new NotSupportedException($"TorchOptimizers: no C# counterpart for torch.optim.{optimizer}."),
        };
        args.ThrowIfUnused();
        return result;
    }

    public static Optimizer Create(string optimizer, string kwargsJson, IEnumerable<Tensor> parameters) =>
        Create(optimizer, JsonDocument.Parse(kwargsJson).RootElement, parameters);

    private sealed class Kwargs(string optimizer, JsonElement json)
    {
        private readonly HashSet<string> used = [];

        public double Double(string name, double? fallback = null)
        {
            if (json.TryGetProperty(name, out var v)) { used.Add(name); return v.GetDouble(); }
            return fallback ?? throw new ArgumentException($"torch.optim.{optimizer}: required kwarg '{name}' is missing.");
        }

        public int? Int(string name)
        {
            if (!json.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            used.Add(name);
            return v.GetInt32();
        }

        /// <summary>A string kwarg; null when it is absent or None.</summary>
        public string? String(string name)
        {
            if (!json.TryGetProperty(name, out var v)) return null;
            used.Add(name);
            return v.ValueKind == JsonValueKind.Null ? null : v.GetString();
        }

        public bool Bool(string name, bool fallback)
        {
            if (!json.TryGetProperty(name, out var v)) return fallback;
            used.Add(name);
            return v.GetBoolean();
        }

        public double Beta(int index, double fallback)
        {
            if (!json.TryGetProperty("betas", out var v)) return fallback;
            used.Add("betas");
            return v[index].GetDouble();
        }

        public void ThrowIfUnused()
        {
            var unused = json.EnumerateObject().Select(p => p.Name).Where(n => !used.Contains(n)).ToList();
            if (unused.Count > 0)
                throw new NotSupportedException($"TorchOptimizers: torch.optim.{optimizer} kwarg(s) {string.Join(", ", unused)} are not mapped.");
        }
    }
}
