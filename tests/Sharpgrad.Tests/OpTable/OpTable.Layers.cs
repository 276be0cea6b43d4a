using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.OpTable;

// The fused nodes behind the layers: Linear (addmm), the three convolution maps, im2col/col2im, and the piecewise
// activations, whose forward and backward are single kernels.
public static partial class OpTable
{
    [OpEntries]
    private static IEnumerable<OpInfo> Layers() =>
    [
        new("Linear with bias", x => Functional.Linear(x[0], x[1], x[2]), () => [Normal(400, 3, 4), Normal(401, 2, 4), Normal(402, 2)]),
        new("Linear without bias, 3-D input", x => Functional.Linear(x[0], x[1]), () => [Normal(403, 2, 3, 4), Normal(404, 5, 4)]),
        new("Conv2d stride 2, padding 1, bias", x => Functional.Conv2d(x[0], x[1], x[2], stride: 2, padding: 1),
            () => [Normal(405, 2, 2, 5, 5), Normal(406, 3, 2, 3, 3), Normal(407, 3)]),
        new("Conv1d dilation 2", x => Functional.Conv1d(x[0], x[1], dilation: 2), () => [Normal(408, 1, 2, 7), Normal(409, 2, 2, 2)]),
        new("ConvTranspose2d stride 2", x => Functional.ConvTranspose2d(x[0], x[1], x[2], stride: 2),
            () => [Normal(410, 1, 2, 3, 3), Normal(411, 2, 3, 2, 2), Normal(412, 3)]),
        Unary("Unfold (im2col)", x => Functional.Unfold(x, 2, padding: 1), () => Normal(413, 1, 2, 3, 3)),
        Unary("Fold (col2im)", x => Functional.Fold(x, (3, 3), 2), () => Normal(414, 1, 8, 4)),
        Unary("LeakyRelu", x => Functional.LeakyRelu(x, 0.1), () => AwayFromZero(415, 3, 4)),
        Unary("Elu", x => Functional.Elu(x, 1.5), () => AwayFromZero(416, 3, 4)),
        new("CrossEntropy (fused)", x => Losses.CrossEntropy(x[0], x[1]), () => [Normal(417, 4, 5), Tensor.From(new long[] { 0, 3, 4, 1 })]),
        new("CrossEntropy with label smoothing (composite)", x => Losses.CrossEntropy(x[0], x[1], labelSmoothing: 0.1),
            () => [Normal(418, 4, 5), Tensor.From(new long[] { 2, 2, 0, 1 })]),
        Unary("Hardtanh", x => Functional.Hardtanh(x, -0.5, 0.8), () => Tensor.From(new[] { -1.5, -0.7, -0.3, 0.2, 0.5, 0.9, 1.7, -0.1 }).RequireGrad()),
    ];

    [OpEntries]
    private static IEnumerable<OpInfo> Linear_Algebra() =>
    [
        Unary("Linalg.Det", Linalg.Det, () => Normal(420, 3, 3)),
        Binary("Linalg.Solve of A + 3I", (a, b) => Linalg.Solve(a + Tensor.Eye(3, dtype: a.DType) * 3, b), () => Normal(426, 3, 3), () => Normal(427, 3, 2)),
        Unary("Linalg.SlogDet", a => Linalg.SlogDet(a).LogAbsDet, () => Normal(421, 2, 3, 3)),
        Unary("Linalg.Cholesky of BBᵀ + 3I", b => Linalg.Cholesky(b.MatMul(b.Transpose(-1, -2)) + Tensor.Eye(3, dtype: b.DType) * 3), () => Normal(422, 3, 3)),
        Unary("Linalg.Diagonal", a => Linalg.Diagonal(a).Exp(), () => Normal(423, 3, 4)),
        Unary("Lgamma", x => x.Lgamma(), () => Positive(424, 3, 4)),
        new("Digamma", x => x[0].Digamma(), () => [Positive(425, 3, 4)]) { SecondOrder = false },
    ];

    /// <summary>
    /// Names the coverage test accepts without an entry's graph reaching them, and why: recorded ops that central
    /// differences cannot check (with where each is tested instead), and a name the source scan mistakes for a node.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> CheckedElsewhere = new Dictionary<string, string>
    {
        ["To"] = "a float32↔float64 cast rounds, so differences at h = 1e-6 are noise; GradCheckAllOpsTests.ToGivesTheGradientInTheSourceDType",
        ["StandardGamma"] = "a random sample, differentiated by implicit reparameterisation; Probability/ReparameterizationTests",
        ["AffineGrid"] = "not a node: the name in Functional.Sampling.cs only labels its messages; it is composed of recorded ops and has entries",
    };
}
