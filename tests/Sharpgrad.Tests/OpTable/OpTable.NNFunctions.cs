using Sharpgrad.NN;

namespace Sharpgrad.Tests.OpTable;

// Issue #10's functions: norms and distances, sub-pixel shuffles, the spatial transformer's affine grid and sampler,
// instance norm. Grid locations are random, so no sample sits on a pixel boundary (where bilinear sampling has a kink)
// or exactly on the image's border.
public static partial class OpTable
{
    private static Tensor GridIn(int seed, params int[] shape) => Uniform(seed, -1.2, 1.2, shape).RequireGrad();

    [OpEntries]
    private static IEnumerable<OpInfo> NNFunctions() =>
    [
        new("Linear with a 0-d bias", x => Functional.Linear(x[0], x[1], x[2]), () => [Normal(524, 3, 4), Normal(525, 2, 4), Normal(526)]),
        Unary("Normalize p=2 dim 1", x => Functional.Normalize(x), () => Normal(500, 3, 4)),
        Unary("Normalize p=3 dim -1", x => Functional.Normalize(x, p: 3, dim: -1), () => AwayFromZero(501, 2, 3, 4)),
        Binary("CosineSimilarity broadcast", (a, b) => Functional.CosineSimilarity(a, b, dim: -1), () => Normal(502, 2, 1, 4), () => Normal(503, 3, 4)),
        Binary("PairwiseDistance p=2", (a, b) => Functional.PairwiseDistance(a, b), () => Normal(504, 3, 4), () => Normal(505, 3, 4)),
        Binary("PairwiseDistance p=1 keepdim", (a, b) => Functional.PairwiseDistance(a, b, p: 1, keepdim: true), () => Normal(506, 3, 4), () => Normal(507, 3, 4)),
        Unary("PixelShuffle r=2", x => Functional.PixelShuffle(x, 2), () => Normal(508, 1, 8, 2, 3)),
        Unary("PixelUnshuffle r=2", x => Functional.PixelUnshuffle(x, 2), () => Normal(509, 2, 1, 4, 2)),
        Unary("AffineGrid", t => Functional.AffineGrid(t, [2, 1, 3, 4]), () => Normal(510, 2, 2, 3)),
        Unary("AffineGrid alignCorners", t => Functional.AffineGrid(t, [1, 1, 2, 3], alignCorners: true), () => Normal(511, 1, 2, 3)),
        GridSample("GridSample bilinear zeros", GridSampleMode.Bilinear, GridSamplePadding.Zeros, false, 512),
        GridSample("GridSample bilinear border alignCorners", GridSampleMode.Bilinear, GridSamplePadding.Border, true, 514),
        GridSample("GridSample bilinear reflection", GridSampleMode.Bilinear, GridSamplePadding.Reflection, false, 516),
        GridSample("GridSample nearest zeros", GridSampleMode.Nearest, GridSamplePadding.Zeros, false, 518),
        new("InstanceNorm with weight and bias", x => Functional.InstanceNorm(x[0], weight: x[1], bias: x[2]),
            () => [Normal(520, 2, 3, 5), Normal(521, 3), Normal(522, 3)]),
        Unary("InstanceNorm with running statistics", x => Functional.InstanceNorm(x,
                Tensor.From(new[] { 0.1, -0.2 }), Tensor.From(new[] { 1.5, 0.7 }), useInputStats: false),
            () => Normal(523, 2, 2, 3, 2)),
    ];

    /// <summary>
    /// A grid sample of a [1, 2, 3, 4] image at a [1, 2, 3] grid; first order only, as PyTorch has no derivative of
    /// grid_sampler_2d_backward.
    /// </summary>
    private static OpInfo GridSample(string name, GridSampleMode mode, GridSamplePadding padding, bool alignCorners, int seed)
        => new(name, x => Functional.GridSample(x[0], x[1], mode, padding, alignCorners), () => [Normal(seed, 1, 2, 3, 4), GridIn(seed + 1, 1, 2, 3, 2)])
        {
            SecondOrder = false,
        };
}
