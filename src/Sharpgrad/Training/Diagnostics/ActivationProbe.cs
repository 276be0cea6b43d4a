using Sharpgrad.NN;

namespace Sharpgrad.Training;

/// <summary>
/// Runs a probe batch through a <see cref="Sequential"/> model one layer at a time and keeps every layer's output,
/// the raw material of activation histograms and dead-unit statistics (GBC §11.5). Nested Sequentials are opened,
/// so a layer inside one is named like its parameters ("1.0" for layer 0 of child 1).
/// </summary>
public static class ActivationProbe
{
    /// <summary>
    /// Every layer's output for <paramref name="input"/>, in order. The model runs in eval mode (dropout off) without
    /// recording, and its mode is restored afterwards.
    /// </summary>
    public static IReadOnlyList<LayerActivation> Record(Sequential model, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        using var modes = model.PreserveModes();
        model.Eval();
        using var _ = Autograd.NoGrad();
        var activations = new List<LayerActivation>();
        Run(model, "", input, activations);
        return activations;
    }

    private static Tensor Run(Sequential model, string prefix, Tensor x, List<LayerActivation> activations)
    {
        for (int i = 0; i < model.Count; i++)
        {
            string name = prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (model[i] is Sequential nested)
            {
                x = Run(nested, name + ".", x, activations);
                continue;
            }
            x = model[i].Forward(x);
            activations.Add(new LayerActivation(name, model[i], x));
        }
        return x;
    }
}
