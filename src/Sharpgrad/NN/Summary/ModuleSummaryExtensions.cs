namespace Sharpgrad.NN;

/// <summary><c>model.Summary(inputShape)</c>: the per-layer table of <see cref="ModelSummary"/>.</summary>
public static class ModuleSummaryExtensions
{
    /// <summary>
    /// Runs one forward pass on zeros of <paramref name="inputShape"/> (batch dim included, e.g. [1, 1, 28, 28]) and
    /// records every layer's output shape, parameter count and FLOPs. <see cref="Sequential"/> containers, nested
    /// ones included, are walked layer by layer ("features.3"); any other module is one row, with its own and its
    /// children's parameters. The pass runs in evaluation mode without recording gradients, so dropout and batch
    /// norm statistics are untouched; each module's training mode is restored afterwards.
    /// </summary>
    /// <param name="dtype">the input's dtype; default: that of the model's first parameter, else float32</param>
    public static ModelSummary Summary(this Module model, int[] inputShape, DType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length == 0 || inputShape.Any(s => s < 1))
            throw new ArgumentException($"Summary: the input shape must be non-empty with positive sizes, got [{string.Join(", ", inputShape)}].");
        var type = dtype ?? model.Parameters().Select(p => (DType?)p.DType).FirstOrDefault() ?? DType.Float32;

        var rows = new List<LayerSummary>();
        using (model.PreserveModes())
        {
            model.Eval();
            using (Autograd.NoGrad())
                Walk(model, "", Tensor.Zeros(inputShape, type), rows);
        }
        var parameters = model.Parameters().ToList();
        return new ModelSummary(model.GetType().Name, (int[])inputShape.Clone(), rows,
            parameters.Sum(p => (long)p.Count), parameters.Where(p => p.RequiresGrad).Sum(p => (long)p.Count));
    }

    private static Tensor Walk(Module module, string name, Tensor input, List<LayerSummary> rows)
    {
        if (module is Sequential sequential)
        {
            var x = input;
            foreach (var (childName, child) in sequential.NamedChildren())
                x = Walk(child, name.Length == 0 ? childName : name + "." + childName, x, rows);
            return x;
        }
        Tensor output;
        try
        {
            output = module.Forward(input);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new ArgumentException(
                $"Summary: layer \"{(name.Length == 0 ? "(model)" : name)}\" ({module.GetType().Name}) rejected its input of shape {input.ShapeText}: {e.Message}", e);
        }
        rows.Add(new LayerSummary(name.Length == 0 ? "(model)" : name, module.GetType().Name, output.Shape, module.ParameterCount(),
            FlopCounter.Count(module, input.Shape, output.Shape)));
        return output;
    }
}
