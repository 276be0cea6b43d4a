namespace Sharpgrad.NN;

/// <summary><c>model.Summary(inputShape)</c>: the per-layer table of <see cref="ModelSummary"/>.</summary>
public static class ModuleSummaryExtensions
{
    /// <summary>
    /// Runs one forward pass on zeros of <paramref name="inputShape"/> (batch dim included, e.g. [1, 1, 28, 28]) and
    /// records every layer's output shape, parameter count and FLOPs; see the other overload.
    /// </summary>
    /// <param name="dtype">the input's dtype; default: that of the model's first parameter, else float32</param>
    public static ModelSummary Summary(this Module<Tensor, Tensor> model, int[] inputShape, DType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length == 0 || inputShape.Any(s => s < 1))
            throw new ArgumentException($"Summary: the input shape must be non-empty with positive sizes, got [{string.Join(", ", inputShape)}].");
        var type = dtype ?? model.Parameters().Select(p => (DType?)p.DType).FirstOrDefault() ?? DType.Float32;
        return model.Summary(() => model.Forward(Tensor.Zeros(inputShape, type)));
    }

    /// <summary>
    /// Runs <paramref name="forward"/> — one forward pass of <paramref name="model"/> on inputs of the caller's choice,
    /// e.g. <c>lstm.Summary(() =&gt; lstm.Forward(x, null))</c> for a module with several inputs — and records a row
    /// for every call of a leaf module (one without children) inside it, in call order, named by its dotted state-dict
    /// name ("layer2.0.conv1"). Rows come from forward hooks, so any model is summarised layer by layer, whatever its
    /// containers and however its blocks combine their children (residual sums, concatenations). The pass runs in
    /// evaluation mode without recording gradients, so dropout and batch-norm statistics are untouched; each module's
    /// mode is restored afterwards.
    /// </summary>
    public static ModelSummary Summary(this Module model, Func<object?> forward)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(forward);
        var names = new Dictionary<Module, string>(ReferenceEqualityComparer.Instance);
        foreach (var (name, module) in model.NamedModules()) names[module] = name.Length == 0 ? "(model)" : name;

        // Rows in call order, a container before its children (pre-order, as torchinfo prints); each is filled in when
        // its module returns. The stack holds the calls that have started and not finished, innermost last: when a
        // layer throws, its top is the layer to name.
        var rows = new List<LayerSummary?>();
        var running = new Stack<(Module Module, int Row, int[]? Input)>();
        int[]? inputShape = null, outputShape = null;
        var handles = new List<HookHandle>();
        foreach (var module in names.Keys)
        {
            handles.Add(module.RegisterForwardPreHook((m, input) =>
            {
                int[]? shape = TensorTree.Flatten(input).FirstOrDefault()?.Shape.ToArray();
                inputShape ??= shape;
                // The model itself is a row when it is a leaf, or when it computes FLOPs outside its children.
                bool isRow = !ReferenceEquals(m, model) || !m.Children().Any() || m is IOwnFlops;
                running.Push((m, isRow ? rows.Count : -1, shape));
                if (isRow) rows.Add(null);
            }));
            handles.Add(module.RegisterForwardHook((m, input, output) =>
            {
                var (_, row, _) = running.Pop();
                if (ReferenceEquals(m, model)) outputShape = TensorTree.Flatten(output).FirstOrDefault()?.Shape.ToArray();
                if (row >= 0) rows[row] = Row(m, names[m], running.Count(r => r.Row >= 0), input, output, rows, row);
            }));
        }
        try
        {
            using (model.EvalScope())
            using (Autograd.NoGrad())
                forward();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException && running.Count > 0)
        {
            var (failed, _, shape) = running.Peek();
            var of = shape is null ? "" : $" of shape [{string.Join(", ", shape)}]";
            throw new ArgumentException($"Summary: layer \"{names[failed]}\" ({failed.GetType().Name}) rejected its input{of}: {e.Message}", e);
        }
        finally
        {
            foreach (var handle in handles) handle.Remove();
        }
        var parameters = model.Parameters().ToList();
        return new ModelSummary(model.GetType().Name, inputShape ?? [], outputShape ?? [], [.. rows.OfType<LayerSummary>()],
            parameters.Sum(p => (long)p.Count), parameters.Where(p => p.RequiresGrad).Sum(p => (long)p.Count));
    }

    /// <summary>
    /// A leaf's FLOPs come from its counting rule (<see cref="FlopCounter"/>); a container's are the sum of its direct
    /// children's rows (the rows after its own at one level deeper), unknown if any of theirs is. What a container
    /// computes outside its children (a residual sum, a concatenation) is not counted, as in ptflops and fvcore, unless it
    /// counts it itself (<see cref="IOwnFlops"/>: multihead attention, the transformer layers).
    /// </summary>
    private static LayerSummary Row(Module module, string name, int depth, object? input, object? output, List<LayerSummary?> rows, int row)
    {
        var x = TensorTree.Flatten(input).FirstOrDefault();
        var y = TensorTree.Flatten(output).FirstOrDefault();
        long? flops;
        long own = module is IOwnFlops counted ? counted.OwnFlops([.. TensorTree.Flatten(input)]) : 0;
        if (module.Children().Any())
        {
            var children = rows.Skip(row + 1).OfType<LayerSummary>().Where(r => r.Depth == depth + 1).ToList();
            flops = children.Any(c => c.Flops is null) ? null : children.Sum(c => c.Flops!.Value) + own;
        }
        else flops = x is null || y is null ? null : FlopCounter.Count(module, x.Shape, y.Shape);
        return new LayerSummary(name, module.GetType().Name, y?.Shape ?? [], module.ParameterCount(), flops)
        {
            Depth = depth,
            IsContainer = module.Children().Any(),
            OwnFlops = own,
        };
    }
}
