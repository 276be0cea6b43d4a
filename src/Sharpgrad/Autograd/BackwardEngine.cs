namespace Sharpgrad;

/// <summary>
/// Reverse-mode differentiation over the recorded graph (GBC Alg. 6.2/6.6): order the tensors so each comes after
/// everything computed from it, then walk that order passing each tensor's summed gradient through its node.
/// Summing is what makes a tensor used several times (fan-out) receive the total of its gradients.
/// </summary>
internal static class BackwardEngine
{
    /// <summary>
    /// With <paramref name="inputs"/> null, accumulates into every reachable leaf's Grad (Tensor.Backward) and returns
    /// null; otherwise returns the gradient for each input (null where unreachable) and leaves Grad untouched.
    /// </summary>
    public static Tensor?[]? Run(IReadOnlyList<Tensor> roots, IReadOnlyList<Tensor>? rootGrads,
        IReadOnlyList<Tensor>? inputs, bool retainGraph, bool createGraph)
    {
        var grads = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance);
        using var buffers = new BackwardBuffers(enabled: !createGraph);
        for (int i = 0; i < roots.Count; i++)
        {
            var root = roots[i];
            if (!root.RequiresGrad)
                throw new InvalidOperationException($"Backward: output {i} (shape {root.ShapeText}) does not require grad and has no graph.");
            var g = rootGrads?[i] ?? ImplicitRootGrad(root);
            if (!Tensor.SameShape(g, root))
                throw new ArgumentException($"Backward: gradient of shape {g.ShapeText} does not match output of shape {root.ShapeText}.");
            buffers.Hold(g);
            Accumulate(grads, root, g, buffers);
        }

        var order = TopologicalOrder(roots);
        var wanted = inputs is null ? null : new HashSet<Tensor>(inputs, ReferenceEqualityComparer.Instance);
        var leadsToInput = wanted is null ? null : ReachingTargets(order, wanted);

        using (GradMode.Set(createGraph))
        {
            for (int i = order.Count - 1; i >= 0; i--)
            {
                var t = order[i];
                if (!grads.TryGetValue(t, out var g)) continue;
                if (t.HasGradHooks && (leadsToInput is null || leadsToInput.Contains(t)))
                {
                    // User code sees (and may keep) the gradient and may allocate its replacement: neither is recycled.
                    // Autograd.Grad computes no gradient off the paths to its inputs, so no hook fires there.
                    buffers.Disown(g);
                    using (AllocationLog.Suspend(true))
                        g = grads[t] = t.RunGradHooks(g);
                }
                if (t.GradFn is null)
                {
                    if (wanted is null)
                    {
                        grads.Remove(t);
                        AccumulateIntoLeaf(t, g, createGraph, buffers);
                        buffers.RecycleTemporaries();
                    }
                    continue;
                }
                if (leadsToInput is not null && !leadsToInput.Contains(t)) continue;
                var node = t.GradFn;
                Tensor?[] inputGrads;
                if (node.IsUserDefined) buffers.Disown(g);   // user code may keep the gradient it is handed
                using (AllocationLog.Suspend(node.IsUserDefined))
                    inputGrads = node.Apply(g);
                for (int k = 0; k < inputGrads.Length; k++)
                    if (inputGrads[k] is { } ig && node.Inputs[k].RequiresGrad)
                    {
                        buffers.Hold(ig);
                        Accumulate(grads, node.Inputs[k], ig, buffers);
                    }
                if (wanted is null || !wanted.Contains(t))
                {
                    grads.Remove(t);
                    buffers.Drop(g);
                }
                buffers.RecycleTemporaries();
                if (!retainGraph) node.Release();
            }
        }

        if (inputs is null) return null;
        var result = new Tensor?[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
            if (grads.TryGetValue(inputs[i], out var g))
            {
                buffers.Disown(g);
                result[i] = createGraph ? g : g.Detach();
            }
        return result;
    }

    private static Tensor ImplicitRootGrad(Tensor root) => root.Count == 1
        ? Tensor.OnesLike(root)
        : throw new InvalidOperationException(
            $"Backward: a gradient can be created implicitly only for one-element outputs, got shape {root.ShapeText}; pass a gradient tensor.");

    /// <summary>Adds <paramref name="g"/> to the gradient pending for <paramref name="t"/>; both addends are then used up.</summary>
    private static void Accumulate(Dictionary<Tensor, Tensor> grads, Tensor t, Tensor g, BackwardBuffers buffers)
    {
        if (!grads.TryGetValue(t, out var existing))
        {
            grads[t] = g;
            return;
        }
        var sum = existing + g;
        buffers.Hold(sum);
        buffers.Drop(existing);
        buffers.Drop(g);
        grads[t] = sum;
    }

    /// <summary>
    /// Adds a leaf's gradient into its Grad. A fresh Grad takes over the pass's own buffer when nothing else views
    /// it, else a copy, so that Grad never shares memory with another tensor the user can see.
    /// </summary>
    private static void AccumulateIntoLeaf(Tensor leaf, Tensor g, bool createGraph, BackwardBuffers buffers)
    {
        if (createGraph)
        {
            leaf.Grad = leaf.Grad is null ? g : leaf.Grad + g;
            return;
        }
        if (leaf.Grad is not null)
        {
            leaf.Grad.AddInPlace(g);
            buffers.Drop(g);
        }
        else if (buffers.SoleOwner(g)) leaf.Grad = g.Detach();
        else
        {
            leaf.Grad = g.Detach().Contiguous(copy: true);
            buffers.Drop(g);
        }
        buffers.Disown(leaf.Grad);
    }

    /// <summary>Depth-first post-order from the roots: every tensor appears after the tensors it was computed from.</summary>
    private static List<Tensor> TopologicalOrder(IReadOnlyList<Tensor> roots)
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor tensor, int next)>();
        foreach (var root in roots)
        {
            if (!visited.Add(root)) continue;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (t, next) = stack.Pop();
                var inputs = t.GradFn?.Inputs ?? [];
                if (next < inputs.Length)
                {
                    stack.Push((t, next + 1));
                    var child = inputs[next];
                    if (child.RequiresGrad && visited.Add(child)) stack.Push((child, 0));
                }
                else order.Add(t);
            }
        }
        return order;
    }

    /// <summary>The tensors from which some wanted input can be reached backwards; only their nodes need to run.</summary>
    private static HashSet<Tensor> ReachingTargets(List<Tensor> order, HashSet<Tensor> wanted)
    {
        var reach = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var t in order)
            if (wanted.Contains(t) || (t.GradFn?.Inputs.Any(reach.Contains) ?? false))
                reach.Add(t);
        return reach;
    }
}
