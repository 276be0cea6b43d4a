namespace Sharpgrad;

public sealed partial class Tensor
{
    /// <summary>
    /// The p-norm distance between every row of <paramref name="x1"/> [..., P, M] and every row of
    /// <paramref name="x2"/> [..., R, M]: out[..., i, j] = ‖x1[i] − x2[j]‖_p, [..., P, R], batch dims broadcasting
    /// (torch.cdist). p ≥ 0; p = 0 counts differing coordinates and p = ∞ takes the largest difference.
    /// The gradient at zero distance is 0, as PyTorch defines it (the norm has no derivative there).
    /// </summary>
    public static Tensor Cdist(Tensor x1, Tensor x2, double p = 2)
    {
        if (x1.Rank < 2 || x2.Rank < 2 || x1.shape[^1] != x2.shape[^1])
            throw new ArgumentException($"Cdist: expects [..., P, M] and [..., R, M] with the same M, got shapes {x1.ShapeText} and {x2.ShapeText}.");
        if (!(p >= 0)) throw new ArgumentException($"Cdist: p must be non-negative, got {p}.");
        if (!x1.DType.IsFloatingPoint() || x1.DType != x2.DType)
            throw new ArgumentException($"Cdist: operands must share a floating-point dtype, got {x1.DType.Name()} and {x2.DType.Name()}.");
        Tensor distance;
        using (Autograd.NoGrad()) distance = Norm(Differences(x1, x2), p);
        return distance.Record("Cdist", [x1, x2], g =>
        {
            var perCoordinate = NormGrad(Differences(x1, x2), distance, p) * g.Unsqueeze(-1);
            return [perCoordinate.Sum(-2).SumTo(x1.shape), (-perCoordinate.Sum(-3)).SumTo(x2.shape)];
        });
    }

    /// <summary>x1[..., i, :] − x2[..., j, :] as [..., P, R, M].</summary>
    private static Tensor Differences(Tensor x1, Tensor x2) => x1.Unsqueeze(-2) - x2.Unsqueeze(-3);

    private static Tensor Norm(Tensor diff, double p) => p switch
    {
        0 => diff.Ne(0).To(diff.DType).Sum(-1),
        double.PositiveInfinity => diff.Abs().Max(-1).Values,
        _ => diff.Abs().Pow(p).Sum(-1).Pow(1 / p),
    };

    /// <summary>
    /// ∂‖d‖_p/∂d per coordinate, PyTorch's cdist backward: sign(d)·|d|^(p−1)/‖d‖^(p−1), 0 where the distance or the
    /// coordinate's difference is 0; for p = ∞, sign(d) at the coordinates attaining the maximum (ties not split, as
    /// PyTorch); 0 for p = 0, whose count of differing coordinates is piecewise constant.
    /// </summary>
    private static Tensor NormGrad(Tensor diff, Tensor distance, double p)
    {
        var dist = distance.Unsqueeze(-1);
        var zero = dist.Eq(0);
        var safe = Where(zero, 1.0, dist);
        var grad = p switch
        {
            0 => ZerosLike(diff),
            1 => diff.Sign(),
            2 => diff / safe,
            double.PositiveInfinity => diff.Sign() * diff.Abs().Eq(dist).To(diff.DType),
            // |d|^(p−1) is infinite at d = 0 for p < 1: raise a stand-in 1 there, whose term sign(0) = 0 removes.
            _ => diff.Sign() * Where(diff.Eq(0), 1.0, diff.Abs()).Pow(p - 1) / safe.Pow(p - 1),
        };
        return Where(zero, 0.0, grad);
    }
}
