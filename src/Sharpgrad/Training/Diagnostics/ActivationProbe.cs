using Sharpgrad.NN;

namespace Sharpgrad.Training;

/// <summary>
/// Runs a probe batch through a model and keeps the output of every layer (every module without children), the raw
/// material of activation histograms and dead-unit statistics (GBC §11.5). It listens with forward hooks, so it works
/// on any model — residual, dense and recurrent blocks included — and names each layer like its parameters
/// ("layer1.0.relu", "1.0" for layer 0 of a nested Sequential).
/// </summary>
public static class ActivationProbe
{
    /// <summary>
    /// Every layer's output for <paramref name="input"/>, in call order (a layer called twice appears twice). The
    /// model runs in eval mode (dropout off) without recording, and each module's mode is restored afterwards.
    /// </summary>
    public static IReadOnlyList<LayerActivation> Record(Module<Tensor, Tensor> model, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        return Record(model, () => model.Forward(input));
    }

    /// <summary>The same for a model with any inputs: <paramref name="forward"/> runs one forward pass of it.</summary>
    public static IReadOnlyList<LayerActivation> Record(Module model, Func<object?> forward)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(forward);
        var activations = new List<LayerActivation>();
        var handles = model.NamedModules()
            .Where(m => !m.Module.Children().Any())
            .Select(m => m.Module.RegisterForwardHook((layer, _, output) =>
            {
                if (TensorTree.Flatten(output).FirstOrDefault() is { } first)
                    activations.Add(new LayerActivation(m.Name.Length == 0 ? "(model)" : m.Name, layer, first));
            }))
            .ToList();
        try
        {
            using (model.EvalScope())
            using (Autograd.NoGrad())
                forward();
        }
        finally
        {
            foreach (var handle in handles) handle.Remove();
        }
        return activations;
    }
}
