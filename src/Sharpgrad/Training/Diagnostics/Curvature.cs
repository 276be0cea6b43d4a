namespace Sharpgrad.Training;

/// <summary>
/// Second-order information from Hessian-vector products, without ever forming the Hessian (GBC §8.2.1, §4.3.1):
/// Hv = ∇θ[(∇θJ)ᵀv], one extra backward pass through the graph of the gradient. A gradient step −εg changes the cost
/// by about −ε·gᵀg + ½ε²·gᵀHg, so when ½ε²·gᵀHg exceeds ε·gᵀg the step goes uphill: ill-conditioning shows up as gᵀg
/// staying flat (or growing) while gᵀHg grows.
/// </summary>
public static class Curvature
{
    /// <summary>H·v for the Hessian H of the scalar <paramref name="loss"/> w.r.t. <paramref name="parameters"/>.</summary>
    public static Tensor[] HessianVectorProduct(Tensor loss, IReadOnlyList<Tensor> parameters, IReadOnlyList<Tensor> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var gradients = Gradients(loss, parameters);
        return HessianTimes(gradients, parameters, vectors);
    }

    /// <summary>
    /// gᵀg and gᵀHg at the current parameters, for g = ∇θ<paramref name="loss"/> (GBC §8.2.1, eq. 8.10), and the
    /// change of the cost that the second-order Taylor expansion predicts for a step of size <paramref name="learningRate"/>.
    /// </summary>
    public static CurvatureReport GradientCurvature(Tensor loss, IReadOnlyList<Tensor> parameters, double learningRate = 0)
    {
        var gradients = Gradients(loss, parameters);
        var g = gradients.Select(t => t.Detach()).ToArray();
        var hg = HessianTimes(gradients, parameters, g);
        using var _ = Autograd.NoGrad();
        double gtg = Dot(g, g), gthg = Dot(g, hg);
        return new CurvatureReport(gtg, gthg, -learningRate * gtg + 0.5 * learningRate * learningRate * gthg);
    }

    private static Tensor[] Gradients(Tensor loss, IReadOnlyList<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(parameters);
        if (loss.Count != 1)
            throw new ArgumentException($"Curvature: the loss must be a scalar, got shape {loss.ShapeText}.");
        if (parameters.Count == 0) throw new ArgumentException("Curvature: expected at least one parameter.");
        // createGraph: the gradient is itself recorded, so it can be differentiated once more.
        return Autograd.Grad([loss], parameters, createGraph: true, allowUnused: true);
    }

    private static Tensor[] HessianTimes(Tensor[] gradients, IReadOnlyList<Tensor> parameters, IReadOnlyList<Tensor> vectors)
    {
        if (vectors.Count != parameters.Count)
            throw new ArgumentException($"Curvature: expected one vector per parameter ({parameters.Count}), got {vectors.Count}.");
        Tensor? gv = null;
        for (int i = 0; i < gradients.Length; i++)
        {
            if (!vectors[i].Shape.AsSpan().SequenceEqual(parameters[i].Shape))
                throw new ArgumentException(
                    $"Curvature: vector {i} has shape {vectors[i].ShapeText} but parameter {i} has shape {parameters[i].ShapeText}.");
            var term = (gradients[i] * vectors[i].Detach()).Sum();
            gv = gv is null ? term : gv + term;
        }
        // A gradient that does not depend on the parameters (a linear cost) has a zero Hessian.
        if (gv is null || !gv.RequiresGrad) return parameters.Select(Tensor.ZerosLike).ToArray();
        return Autograd.Grad([gv], parameters, allowUnused: true);
    }

    private static double Dot(IReadOnlyList<Tensor> a, IReadOnlyList<Tensor> b) =>
        a.Zip(b, (x, y) => (x.Double() * y.Double()).Sum().Item()).Sum();
}
