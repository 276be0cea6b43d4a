using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.OpTable;

// Issue #10: gradients at the points where the old rules gave NaN (Prod at a zero), norms with p < 2, views of strided
// tensors, Narrow from the end, and an empty dim list. Prod at exactly one zero is smooth (a polynomial), so its
// first and second derivatives are checked there; two zeros are left to the fixture test, since the rule gives 0 for
// their second derivative where PyTorch's cumulative-product rule is exact (docs/design.md).
public static partial class OpTable
{
    private static Tensor WithOneZero(params int[] shape)
    {
        var values = AwayFromZero(300, shape).ToDoubleArray();
        values[1] = 0;
        return Tensor.FromArray(values, shape).RequireGrad();
    }

    [OpEntries]
    private static IEnumerable<OpInfo> Parity() =>
    [
        Unary("Prod() with one zero", x => x.Prod(), () => WithOneZero(2, 3)),
        Unary("Prod(1) with a zero in one row", x => x.Prod(1), () => WithOneZero(3, 4)),
        Unary("Norm p=1.5", x => x.Norm(1.5), () => AwayFromZero(301, 3, 4)),
        Unary("Norm p=0.5 dim 1", x => x.Norm(0.5, [1]), () => AwayFromZero(302, 3, 4)),
        Unary("Sum(dims: []) reduces all", x => x.Sum(dims: []), () => Normal(303, 2, 3)),
        Unary("View merging dims of a permute", x => x.Permute(2, 0, 1).View(4, 6).Exp(), () => Normal(304, 2, 3, 4)),
        Unary("View splitting dims of a transpose", x => x.T.View(2, 2, 3) * Randn(305, 2, 2, 3).To(x.DType), () => Normal(306, 3, 4)),
        Unary("Narrow with a negative start", x => x.Narrow(1, -3, 2).Exp(), () => Normal(307, 3, 5)),
    ];
}
