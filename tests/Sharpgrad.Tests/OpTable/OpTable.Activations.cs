using Sharpgrad.NN;

namespace Sharpgrad.Tests.OpTable;

// Issue #10's activations (Functional). Samples avoid the kinks: 0 for SELU/CELU/Softsign, 0 and 6 for ReLU6, ±3 for
// the hard sigmoid and swish, ±λ for the shrinks.
public static partial class OpTable
{
    [OpEntries]
    private static IEnumerable<OpInfo> Activations() =>
    [
        Unary("Gelu", x => Functional.Gelu(x), () => Normal(600, 3, 4)),
        Unary("Gelu tanh", x => Functional.Gelu(x, approximate: "tanh"), () => Normal(601, 3, 4)),
        Unary("Silu", Functional.Silu, () => Normal(602, 3, 4)),
        Unary("Mish", Functional.Mish, () => Normal(603, 3, 4)),
        Unary("Hardswish", Functional.Hardswish, () => Tensor.From(new[] { -4.5, -2.5, -1.2, 0.3, 1.7, 2.9, 3.4, 5.0 }).RequireGrad()),
        Unary("Hardsigmoid", Functional.Hardsigmoid, () => Tensor.From(new[] { -4.5, -2.5, -1.2, 0.3, 1.7, 2.9, 3.4, 5.0 }).RequireGrad()),
        Unary("Selu", Functional.Selu, () => AwayFromZero(604, 3, 4)),
        Unary("Celu", x => Functional.Celu(x, 1.5), () => AwayFromZero(605, 3, 4)),
        Unary("Relu6", Functional.Relu6, () => Tensor.From(new[] { -1.5, -0.2, 0.4, 2.5, 5.5, 6.3, 8.0 }).RequireGrad()),
        Unary("Softsign", Functional.Softsign, () => AwayFromZero(606, 3, 4)),
        Unary("Glu dim 1", x => Functional.Glu(x, 1), () => Normal(607, 2, 4, 3)),
        Unary("Glu dim -1", x => Functional.Glu(x), () => Normal(608, 3, 6)),
        Unary("Softmin", x => Functional.Softmin(x, 1), () => Normal(609, 3, 4)),
        Unary("Hardshrink", x => Functional.Hardshrink(x, 0.5) * x, () => Tensor.From(new[] { -1.5, -0.7, -0.3, 0.1, 0.4, 0.8, 1.2 }).RequireGrad()),
        Unary("Softshrink", x => Functional.Softshrink(x, 0.5) * x, () => Tensor.From(new[] { -1.5, -0.7, -0.3, 0.1, 0.4, 0.8, 1.2 }).RequireGrad()),
        Unary("Tanhshrink", Functional.Tanhshrink, () => Normal(610, 3, 4)),
    ];
}
