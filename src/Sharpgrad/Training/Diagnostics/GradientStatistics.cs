using Sharpgrad.NN;

namespace Sharpgrad.Training;

/// <summary>
/// Per-parameter gradient magnitudes, the first thing to look at when training stalls or diverges (GBC §11.5, §8.2.4):
/// norms that shrink layer by layer towards the input point to vanishing gradients, huge ones to exploding gradients.
/// </summary>
public static class GradientStatistics
{
    /// <summary>‖∇θ‖₂ of every parameter of <paramref name="model"/> that has a gradient, by dotted name, in model order.</summary>
    public static IReadOnlyList<(string Name, double Norm)> Norms(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var _ = Autograd.NoGrad();
        return model.NamedParameters()
            .Where(p => p.Parameter.Grad is not null)
            .Select(p => (p.Name, p.Parameter.Grad!.Norm().Item()))
            .ToList();
    }

    /// <summary>The histogram of every gradient element of the parameters that have one (see <see cref="Histogram.Of"/>).</summary>
    public static Histogram Histogram(Module model, int bins = 30)
    {
        ArgumentNullException.ThrowIfNull(model);
        var grads = model.Parameters().Where(p => p.Grad is not null).Select(p => p.Grad!.Reshape(-1).Double()).ToList();
        if (grads.Count == 0) throw new InvalidOperationException("GradientStatistics.Histogram: no parameter has a gradient; call Backward first.");
        return Training.Histogram.Of(Tensor.Cat(grads, 0), bins);
    }
}
