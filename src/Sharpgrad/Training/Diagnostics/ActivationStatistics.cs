using Sharpgrad.NN;

namespace Sharpgrad.Training;

/// <summary>
/// Statistics of activations that reveal units which have stopped learning (GBC §6.3.1, §11.5). A rectified linear
/// unit whose input is negative for every example outputs 0 and receives zero gradient, so once "dead" it never
/// recovers; a large dead fraction after training, often caused by a learning rate that is too high, wastes capacity.
/// </summary>
public static class ActivationStatistics
{
    /// <summary>
    /// The fraction of units that are zero for every example of the batch: <paramref name="activations"/> is
    /// [N, ...] and each position after the batch dim is a unit (a feature, or a channel at a pixel).
    /// </summary>
    public static double DeadFraction(Tensor activations)
    {
        ArgumentNullException.ThrowIfNull(activations);
        if (activations.Rank < 2 || activations.Size(0) == 0)
            throw new ArgumentException($"ActivationStatistics.DeadFraction: expected activations [N, units...] with N ≥ 1, got shape {activations.ShapeText}.");
        using var _ = Autograd.NoGrad();
        var activeCounts = activations.Reshape(activations.Size(0), -1).Ne(0).Long().Sum(0);
        return activeCounts.Eq(0).Long().Sum().Item() / activeCounts.Count;
    }

    /// <summary>The fraction of activations that are exactly zero (the sparsity of the representation, GBC §7.10).</summary>
    public static double ZeroFraction(Tensor activations)
    {
        ArgumentNullException.ThrowIfNull(activations);
        if (activations.Count == 0) throw new ArgumentException("ActivationStatistics.ZeroFraction: the tensor has no elements.");
        using var _ = Autograd.NoGrad();
        return activations.Eq(0).Long().Sum().Item() / activations.Count;
    }

    /// <summary>
    /// The dead fraction of every ReLU layer of <paramref name="model"/> on the probe batch <paramref name="input"/>
    /// (see <see cref="DeadFraction"/>), by the layer's dotted name, in eval mode.
    /// </summary>
    public static IReadOnlyList<(string Layer, double DeadFraction)> DeadReluFractions(Module<Tensor, Tensor> model, Tensor input) =>
        ActivationProbe.Record(model, input)
            .Where(a => a.Layer is ReLU)
            .Select(a => (a.Name, DeadFraction(a.Output)))
            .ToList();
}
