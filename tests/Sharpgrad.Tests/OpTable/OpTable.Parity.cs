using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.OpTable;

// Issue #10: gradients at the points where the old rules gave NaN (Prod at zeros), norms with p < 2, views of strided
// tensors, Narrow from the end, and an empty dim list. Prod is a polynomial, smooth at its zeros, so its first and
// second derivatives are checked there with one, two and three zeros in a slice.
public static partial class OpTable
{
    /// <summary>Values away from zero except at the given flat positions, which are exactly 0.</summary>
    private static Tensor WithZeros(int[] shape, params int[] at)
    {
        var values = AwayFromZero(300, shape).ToDoubleArray();
        foreach (int i in at) values[i] = 0;
        return Tensor.FromArray(values, shape).RequireGrad();
    }

    [OpEntries]
    private static IEnumerable<OpInfo> Parity() =>
    [
        Unary("Prod() with one zero", x => x.Prod(), () => WithZeros([2, 3], 1)),
        Unary("Prod() with two zeros", x => x.Prod(), () => WithZeros([2, 3], 1, 4)),
        Unary("Prod(1) with rows of 0, 1, 2 and 3 zeros", x => x.Prod(1), () => WithZeros([4, 4], 5, 8, 10, 12, 13, 15)),
        Unary("Prod(0, keepdim) with zeros", x => x.Prod(0, keepdim: true), () => WithZeros([3, 4], 0, 1, 5, 2, 6, 10)),
        Unary("Norm p=1.5", x => x.Norm(1.5), () => AwayFromZero(301, 3, 4)),
        Unary("Norm p=0.5 dim 1", x => x.Norm(0.5, [1]), () => AwayFromZero(302, 3, 4)),
        Unary("Sum(dims: []) reduces all", x => x.Sum(dims: []), () => Normal(303, 2, 3)),
        Unary("View merging dims of a permute", x => x.Permute(2, 0, 1).View(4, 6).Exp(), () => Normal(304, 2, 3, 4)),
        Unary("View splitting dims of a transpose", x => x.T.View(2, 2, 3) * Randn(305, 2, 2, 3).To(x.DType), () => Normal(306, 3, 4)),
        Unary("Narrow with a negative start", x => x.Narrow(1, -3, 2).Exp(), () => Normal(307, 3, 5)),
    ];
}
