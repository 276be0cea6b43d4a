using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Gradients;

/// <summary>
/// Every differentiable op against central finite differences in float64 (GBC §11.5, "gradient checking"): the full
/// Jacobian of each op, on small random inputs kept away from the points where the op is not differentiable
/// (0 for |x| and ReLU, the bounds of Clamp, ties of Max/Maximum, 0 for Log/Sqrt/Div).
/// </summary>
public class GradCheckAllOpsTests
{
    /// <summary>One op under test: the function and a factory for its inputs (a fresh set per run).</summary>
    public sealed record Case(Func<Tensor[], Tensor> Function, Func<Tensor[]> Inputs);

    private static Tensor Normal(int seed, params int[] shape) => Randn(seed, shape).RequireGrad();

    /// <summary>Values in [0.5, 2): inside the domain of Log, Sqrt, Pow with fractional exponents.</summary>
    private static Tensor Positive(int seed, params int[] shape) => Uniform(seed, 0.5, 2, shape).RequireGrad();

    /// <summary>Magnitudes in [0.3, 1.5) with random signs: away from the kinks of Abs, ReLU, Sign and the pole of 1/x.</summary>
    private static Tensor AwayFromZero(int seed, params int[] shape)
    {
        var magnitude = Uniform(seed, 0.3, 1.5, shape);
        var sign = Tensor.Rand(shape, DType.Float64, new Generator(seed + 1000)).Lt(0.5).Double() * 2 - 1;
        return (magnitude * sign).RequireGrad();
    }

    private static Tensor Long(params long[] values) => Tensor.From(values);

    private static Case Unary(Func<Tensor, Tensor> f, Func<Tensor> input) => new(x => f(x[0]), () => [input()]);

    private static Case Binary(Func<Tensor, Tensor, Tensor> f, Func<Tensor> a, Func<Tensor> b) => new(x => f(x[0], x[1]), () => [a(), b()]);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // Elementwise functions
        ["Neg"] = Unary(x => -x, () => Normal(1, 3, 4)),
        ["Abs"] = Unary(x => x.Abs(), () => AwayFromZero(2, 3, 4)),
        ["Exp"] = Unary(x => x.Exp(), () => Normal(3, 3, 4)),
        ["Log"] = Unary(x => x.Log(), () => Positive(4, 3, 4)),
        ["Log1p"] = Unary(x => x.Log1p(), () => Uniform(5, -0.5, 2, 3, 4).RequireGrad()),
        ["Sqrt"] = Unary(x => x.Sqrt(), () => Positive(6, 3, 4)),
        ["Rsqrt"] = Unary(x => x.Rsqrt(), () => Positive(7, 3, 4)),
        ["Reciprocal"] = Unary(x => x.Reciprocal(), () => AwayFromZero(8, 3, 4)),
        ["Sin"] = Unary(x => x.Sin(), () => Normal(9, 3, 4)),
        ["Cos"] = Unary(x => x.Cos(), () => Normal(10, 3, 4)),
        ["Tanh"] = Unary(x => x.Tanh(), () => Normal(11, 3, 4)),
        ["Sigmoid"] = Unary(x => x.Sigmoid(), () => Normal(12, 3, 4)),
        ["Relu"] = Unary(x => x.Relu(), () => AwayFromZero(13, 3, 4)),
        ["Softplus"] = Unary(x => x.Softplus(), () => Normal(14, 3, 4)),
        ["LogSigmoid"] = Unary(x => x.LogSigmoid(), () => Normal(15, 3, 4)),
        ["Sign (zero gradient)"] = Unary(x => x.Sign() * x, () => AwayFromZero(16, 3, 4)),
        ["Square"] = Unary(x => x.Square(), () => Normal(17, 3, 4)),
        ["Pow(3)"] = Unary(x => x.Pow(3), () => Normal(18, 3, 4)),
        ["Pow(2.5)"] = Unary(x => x.Pow(2.5), () => Positive(19, 3, 4)),
        ["Pow(-1.5)"] = Unary(x => x.Pow(-1.5), () => Positive(20, 3, 4)),
        ["Pow(1)"] = Unary(x => x.Pow(1) * x, () => Normal(21, 3, 4)),
        ["Pow(0)"] = Unary(x => x.Pow(0) + x, () => Normal(22, 3, 4)),
        ["Pow(tensor) with broadcasting"] = Binary((a, b) => a.Pow(b), () => Positive(23, 3, 4), () => Normal(24, 4)),
        ["Clamp(min, max)"] = Unary(x => x.Clamp(-0.6, 0.7), () => Tensor.From(new[] { -1.5, -0.9, -0.3, 0.2, 0.5, 0.9, 1.7, -0.1 }).RequireGrad()),
        ["Clamp(min)"] = Unary(x => x.Clamp(min: 0.1), () => Tensor.From(new[] { -1.5, -0.3, 0.2, 0.5, 1.7 }).RequireGrad()),
        ["Clamp(max)"] = Unary(x => x.Clamp(max: 0.1), () => Tensor.From(new[] { -1.5, -0.3, 0.2, 0.5, 1.7 }).RequireGrad()),

        // Binary arithmetic with broadcasting: [3,1]×[1,4], [2,3]×[3], tensor×0-d tensor, tensor×double
        ["Add [3,1]+[1,4]"] = Binary((a, b) => a + b, () => Normal(30, 3, 1), () => Normal(31, 1, 4)),
        ["Add [2,3]+[3]"] = Binary((a, b) => a + b, () => Normal(32, 2, 3), () => Normal(33, 3)),
        ["Add [2,3]+scalar"] = Binary((a, b) => a + b, () => Normal(34, 2, 3), () => Normal(35)),
        ["Add double"] = Unary(x => 2.5 + x + 1.5, () => Normal(36, 2, 3)),
        ["Sub [3,1]-[1,4]"] = Binary((a, b) => a - b, () => Normal(37, 3, 1), () => Normal(38, 1, 4)),
        ["Sub [2,3]-[3]"] = Binary((a, b) => a - b, () => Normal(39, 2, 3), () => Normal(40, 3)),
        ["Sub scalar-[2,3]"] = Binary((a, b) => a - b, () => Normal(41), () => Normal(42, 2, 3)),
        ["Sub double"] = Unary(x => 1.0 - x - 2.0, () => Normal(43, 2, 3)),
        ["Mul [3,1]*[1,4]"] = Binary((a, b) => a * b, () => Normal(44, 3, 1), () => Normal(45, 1, 4)),
        ["Mul [2,3]*[3]"] = Binary((a, b) => a * b, () => Normal(46, 2, 3), () => Normal(47, 3)),
        ["Mul [2,3]*scalar"] = Binary((a, b) => a * b, () => Normal(48, 2, 3), () => Normal(49)),
        ["Mul double"] = Unary(x => 3.0 * x * -0.5, () => Normal(50, 2, 3)),
        ["Mul x*x (fan-out)"] = Unary(x => x * x, () => Normal(51, 2, 3)),
        ["Div [3,1]/[1,4]"] = Binary((a, b) => a / b, () => Normal(52, 3, 1), () => AwayFromZero(53, 1, 4)),
        ["Div [2,3]/[3]"] = Binary((a, b) => a / b, () => Normal(54, 2, 3), () => AwayFromZero(55, 3)),
        ["Div scalar/[2,3]"] = Binary((a, b) => a / b, () => Normal(56), () => AwayFromZero(57, 2, 3)),
        ["Div double"] = Unary(x => 2.0 / x + x / 4.0, () => AwayFromZero(58, 2, 3)),
        ["Maximum [3,1],[1,4]"] = Binary((a, b) => a.Maximum(b), () => Normal(59, 3, 1), () => Normal(60, 1, 4)),
        ["Minimum [2,3],[3]"] = Binary((a, b) => a.Minimum(b), () => Normal(61, 2, 3), () => Normal(62, 3)),

        // Reductions
        ["Sum()"] = Unary(x => x.Sum(), () => Normal(70, 2, 3, 4)),
        ["Sum(1)"] = Unary(x => x.Sum(1), () => Normal(71, 2, 3, 4)),
        ["Sum(-1, keepdim)"] = Unary(x => x.Sum(-1, keepdim: true), () => Normal(72, 2, 3, 4)),
        ["Sum([0,2])"] = Unary(x => x.Sum([0, 2]), () => Normal(73, 2, 3, 4)),
        ["Sum([0,2], keepdim) of a transpose"] = Unary(x => x.Transpose(0, 1).Sum([0, 2], keepdim: true), () => Normal(74, 2, 3, 4)),
        ["Mean()"] = Unary(x => x.Mean(), () => Normal(75, 2, 3, 4)),
        ["Mean(0)"] = Unary(x => x.Mean(0), () => Normal(76, 2, 3, 4)),
        ["Mean([1,2], keepdim)"] = Unary(x => x.Mean([1, 2], keepdim: true), () => Normal(77, 2, 3, 4)),
        ["Prod()"] = Unary(x => x.Prod(), () => AwayFromZero(78, 2, 3)),
        ["Prod(1)"] = Unary(x => x.Prod(1), () => AwayFromZero(79, 3, 4)),
        ["Prod(0, keepdim)"] = Unary(x => x.Prod(0, keepdim: true), () => AwayFromZero(80, 3, 4)),
        ["Max()"] = Unary(x => x.Max(), () => Normal(81, 3, 4)),
        ["Min()"] = Unary(x => x.Min(), () => Normal(82, 3, 4)),
        ["Max(1)"] = Unary(x => x.Max(1).Values, () => Normal(83, 3, 4)),
        ["Max(0, keepdim)"] = Unary(x => x.Max(0, keepdim: true).Values, () => Normal(84, 3, 4)),
        ["Min(-1)"] = Unary(x => x.Min(-1).Values, () => Normal(85, 2, 3, 4)),
        ["Min(1, keepdim)"] = Unary(x => x.Min(1, keepdim: true).Values, () => Normal(86, 2, 3, 4)),
        ["Var() unbiased"] = Unary(x => x.Var(), () => Normal(87, 3, 4)),
        ["Var() biased"] = Unary(x => x.Var(unbiased: false), () => Normal(88, 3, 4)),
        ["Var(0) unbiased"] = Unary(x => x.Var(0), () => Normal(89, 3, 4)),
        ["Var(1) biased keepdim"] = Unary(x => x.Var(1, unbiased: false, keepdim: true), () => Normal(90, 3, 4)),
        ["Var([0,2])"] = Unary(x => x.Var([0, 2]), () => Normal(91, 2, 3, 4)),
        ["Std() unbiased"] = Unary(x => x.Std(), () => Normal(92, 3, 4)),
        ["Std(0) biased"] = Unary(x => x.Std(0, unbiased: false), () => Normal(93, 3, 4)),
        ["Std(1) unbiased keepdim"] = Unary(x => x.Std(1, keepdim: true), () => Normal(94, 3, 4)),
        ["LogSumExp(1)"] = Unary(x => x.LogSumExp(1), () => Normal(95, 3, 4)),
        ["LogSumExp(0, keepdim)"] = Unary(x => x.LogSumExp(0, keepdim: true), () => Normal(96, 3, 4)),
        ["LogSumExp([0,2])"] = Unary(x => x.LogSumExp([0, 2]), () => Normal(97, 2, 3, 4)),
        ["Norm p=1"] = Unary(x => x.Norm(1), () => AwayFromZero(98, 3, 4)),
        ["Norm p=2"] = Unary(x => x.Norm(), () => Normal(99, 3, 4)),
        ["Norm p=3"] = Unary(x => x.Norm(3), () => AwayFromZero(100, 3, 4)),
        ["Norm p=∞"] = Unary(x => x.Norm(double.PositiveInfinity), () => Normal(101, 3, 4)),
        ["Norm p=2 dim 1"] = Unary(x => x.Norm(2, [1]), () => Normal(102, 3, 4)),
        ["Norm p=1 dim 0 keepdim"] = Unary(x => x.Norm(1, [0], keepdim: true), () => AwayFromZero(103, 3, 4)),
        ["Norm p=3 dim 1"] = Unary(x => x.Norm(3, [1]), () => AwayFromZero(104, 3, 4)),
        ["Norm p=∞ dim 1"] = Unary(x => x.Norm(double.PositiveInfinity, [1]), () => Normal(105, 3, 4)),

        // Views and shape ops
        ["View"] = Unary(x => x.View(4, 3) * Randn(110, 4, 3), () => Normal(111, 3, 4)),
        ["View(-1)"] = Unary(x => x.View(-1, 2), () => Normal(112, 3, 4)),
        ["Reshape of a transpose"] = Unary(x => x.T.Reshape(2, 6) * Randn(113, 2, 6), () => Normal(114, 3, 4)),
        ["Flatten"] = Unary(x => x.Flatten(), () => Normal(115, 2, 3, 2)),
        ["Flatten(1, 2)"] = Unary(x => x.Flatten(1, 2), () => Normal(116, 2, 3, 2)),
        ["Permute"] = Unary(x => x.Permute(2, 0, 1) * Randn(117, 4, 2, 3), () => Normal(118, 2, 3, 4)),
        ["Transpose(-1, 0)"] = Unary(x => x.Transpose(-1, 0).Exp(), () => Normal(119, 2, 3, 4)),
        ["T"] = Unary(x => x.T.MatMul(Randn(120, 3, 2)), () => Normal(121, 3, 4)),
        ["Unsqueeze"] = Unary(x => x.Unsqueeze(1) * Randn(122, 3, 2, 4), () => Normal(123, 3, 4)),
        ["Squeeze()"] = Unary(x => x.Squeeze() * Randn(124, 3, 4), () => Normal(125, 3, 1, 4, 1)),
        ["Squeeze(dim)"] = Unary(x => x.Squeeze(-1).Exp(), () => Normal(126, 3, 1, 4, 1)),
        ["Expand"] = Unary(x => x.Expand(2, 3, 4) * Randn(127, 2, 3, 4), () => Normal(128, 3, 1)),
        ["ExpandAs"] = Unary(x => x.ExpandAs(Tensor.Zeros(3, 4)) * Randn(129, 3, 4), () => Normal(130, 4)),
        ["Slice"] = Unary(x => x.Slice(1, 1, 4), () => Normal(131, 3, 5)),
        ["Slice with step"] = Unary(x => x.Slice(1, 0, 5, 2).Exp(), () => Normal(132, 3, 5)),
        ["Slice with step, negative bounds"] = Unary(x => x.Slice(0, -4, -1, 2), () => Normal(133, 6, 2)),
        ["Narrow"] = Unary(x => x.Narrow(0, 1, 2), () => Normal(134, 4, 3)),
        ["Select"] = Unary(x => x.Select(1, 2) * 3, () => Normal(135, 3, 4)),
        ["Select negative index"] = Unary(x => x.Select(0, -1), () => Normal(136, 3, 4)),
        ["Indexer [1..3, ^1]"] = Unary(x => x[1..3, ^1], () => Normal(137, 4, 3)),
        ["Indexer [.., 0]"] = Unary(x => x[.., 0].Exp(), () => Normal(138, 4, 3)),
        ["Indexer Ellipsis + NewAxis"] = Unary(x => x[TensorIndex.Ellipsis, TensorIndex.NewAxis, 1], () => Normal(139, 2, 3, 4)),
        ["Indexer stepped slice"] = Unary(x => x[TensorIndex.Slice(null, null, 2), 1..], () => Normal(140, 5, 3)),
        ["Indexer int64 tensor"] = Unary(x => x[Long(2, 0, 2)], () => Normal(141, 3, 4)),
        ["Indexer bool mask"] = Unary(x => x[x.Gt(0)], () => AwayFromZero(142, 3, 4)),
        ["Contiguous of a transpose"] = Unary(x => x.T.Contiguous() * Randn(143, 4, 3), () => Normal(144, 3, 4)),
        ["Clone"] = Unary(x => x.Clone() * x, () => Normal(145, 3, 4)),

        // Joining and splitting
        ["Cat dim 0"] = Binary((a, b) => Tensor.Cat([a, b], 0) * Randn(150, 5, 3), () => Normal(151, 2, 3), () => Normal(152, 3, 3)),
        ["Cat dim -1 with a constant"] = Unary(x => Tensor.Cat([x, Tensor.Ones([2, 2], DType.Float64), x.Exp()], -1), () => Normal(153, 2, 3)),
        ["Stack dim 1"] = Binary((a, b) => Tensor.Stack([a, b, a], 1).Exp(), () => Normal(154, 2, 3), () => Normal(155, 2, 3)),
        ["Split"] = Unary(x => Tensor.Cat(x.Split(2, 1).Select((p, i) => p * (i + 1)).ToArray(), 1), () => Normal(156, 3, 5)),
        ["Split sizes"] = Unary(x => Tensor.Cat(x.Split([1, 3], 0).Select((p, i) => p.Exp() * (i + 2)).ToArray(), 0), () => Normal(157, 4, 2)),
        ["Chunk"] = Unary(x => Tensor.Cat(x.Chunk(3, 0).Select((p, i) => p.Sum(0, keepdim: true) * (i + 1)).ToArray(), 0), () => Normal(158, 7, 2)),

        // Index tensors and masks
        ["IndexSelect with repeats"] = Unary(x => x.IndexSelect(1, Long(3, 0, 3, 1)), () => Normal(160, 2, 4)),
        ["IndexSelect dim 0"] = Unary(x => x.IndexSelect(0, Long(1, 1)).Exp(), () => Normal(161, 3, 2)),
        ["IndexAdd (self and source)"] = Binary((a, s) => a.IndexAdd(0, Long(2, 0, 2), s), () => Normal(162, 4, 3), () => Normal(163, 3, 3)),
        ["Gather dim 1"] = Unary(x => x.Gather(1, Tensor.From(new long[,] { { 0, 2 }, { 1, 1 }, { 3, 0 } })), () => Normal(164, 3, 4)),
        ["Gather dim 0, smaller index"] = Unary(x => x.Gather(0, Tensor.From(new long[,] { { 2, 0, 1 } })), () => Normal(165, 3, 4)),
        ["Scatter (self and source)"] = Binary((a, s) => a.Scatter(1, Tensor.From(new long[,] { { 0, 3 }, { 2, 1 } }), s),
            () => Normal(166, 2, 5), () => Normal(167, 2, 2)),
        ["Scatter with a larger source"] = Binary((a, s) => a.Scatter(0, Tensor.From(new long[,] { { 1, 0 } }), s),
            () => Normal(168, 2, 3), () => Normal(169, 2, 3)),
        ["Scatter value"] = Unary(x => x.Scatter(1, Tensor.From(new long[,] { { 1 }, { 0 } }), 5.0).Exp(), () => Normal(170, 2, 3)),
        ["ScatterAdd with repeats"] = Binary((a, s) => a.ScatterAdd(1, Tensor.From(new long[,] { { 0, 0, 2 }, { 1, 2, 1 } }), s),
            () => Normal(171, 2, 3), () => Normal(172, 2, 3)),
        ["MaskedSelect"] = Unary(x => x.MaskedSelect(Tensor.From(new[] { true, false, true, true })), () => Normal(173, 3, 4)),
        ["Where with broadcast condition"] = Binary((a, b) => Tensor.Where(Tensor.From(new[] { true, false, true }), a, b),
            () => Normal(174, 2, 3), () => Normal(175, 2, 1)),
        ["Where with a double"] = Unary(x => Tensor.Where(x.Gt(0), x, -1.0) * x, () => AwayFromZero(176, 3, 4)),
        ["MaskedFill"] = Unary(x => x.MaskedFill(Tensor.From(new[] { false, true, false, true }), 2.0).Exp(), () => Normal(177, 3, 4)),

        // Linear algebra
        ["MatMul 1-D·1-D"] = Binary((a, b) => a.MatMul(b), () => Normal(180, 4), () => Normal(181, 4)),
        ["Dot"] = Binary((a, b) => a.Dot(b), () => Normal(182, 5), () => Normal(183, 5)),
        ["MatMul 1-D·2-D"] = Binary((a, b) => a.MatMul(b), () => Normal(184, 3), () => Normal(185, 3, 4)),
        ["MatMul 2-D·1-D"] = Binary((a, b) => a.MatMul(b), () => Normal(186, 3, 4), () => Normal(187, 4)),
        ["MatMul 2-D·2-D"] = Binary((a, b) => a.MatMul(b), () => Normal(188, 3, 4), () => Normal(189, 4, 2)),
        ["MatMul batched·2-D"] = Binary((a, b) => a.MatMul(b), () => Normal(190, 2, 3, 4), () => Normal(191, 4, 2)),
        ["MatMul batch broadcast [2,1,3,4]·[3,4,2]"] = Binary((a, b) => a.MatMul(b), () => Normal(192, 2, 1, 3, 4), () => Normal(193, 3, 4, 2)),
        ["MatMul 1-D·batched"] = Binary((a, b) => a.MatMul(b), () => Normal(194, 3), () => Normal(195, 2, 3, 2)),
        ["MatMul Aᵀ·B (non-contiguous)"] = Binary((a, b) => a.T.MatMul(b), () => Normal(196, 4, 3), () => Normal(197, 4, 2)),
        ["MatMul A·Bᵀ (non-contiguous)"] = Binary((a, b) => a.MatMul(b.T), () => Normal(198, 3, 4), () => Normal(199, 2, 4)),
        ["MatMul batched transposes"] = Binary((a, b) => a.Transpose(-1, -2).MatMul(b.Transpose(1, 2)), () => Normal(200, 2, 4, 3), () => Normal(201, 2, 2, 4)),
        ["MatMul strided slice"] = Binary((a, b) => a[.., TensorIndex.Slice(null, null, 2)].MatMul(b), () => Normal(202, 3, 8), () => Normal(203, 4, 2)),

        // Softmax family
        ["Softmax(-1)"] = Unary(x => x.Softmax(), () => Normal(210, 3, 4)),
        ["Softmax(0)"] = Unary(x => x.Softmax(0), () => Normal(211, 3, 4)),
        ["Softmax β=2.5"] = Unary(x => x.Softmax(1, beta: 2.5), () => Normal(212, 3, 4)),
        ["Softmax of a transpose, dim 1"] = Unary(x => x.Transpose(0, 2).Softmax(1), () => Normal(213, 2, 3, 4)),
        ["LogSoftmax(-1)"] = Unary(x => x.LogSoftmax(), () => Normal(214, 3, 4)),
        ["LogSoftmax(0)"] = Unary(x => x.LogSoftmax(0), () => Normal(215, 3, 4)),

        // A composite, as a layer would use the ops
        ["Composite MLP-like"] = new(x => (x[0].MatMul(x[1]) + x[2]).Tanh().MatMul(x[1].T).Softmax(-1).Log().Mean(),
            () => [Normal(220, 3, 4), Normal(221, 4, 5), Normal(222, 5)]),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesCentralDifferences(string op)
    {
        var c = Cases[op];
        GradCheck.Assert(c.Function, c.Inputs());
    }

    [Fact]
    public void ProjectedCheckOnALargerInput()
    {
        // 1200 + 600 inputs: a full Jacobian would take thousands of evaluations; random projections uᵀJv take 16.
        var x = Randn(300, 40, 30).RequireGrad();
        var w = Randn(301, 30, 20).RequireGrad();
        var result = GradCheck.RunProjected(t => t[0].MatMul(t[1]).Tanh().LogSoftmax(1) * t[0].Sum(1, keepdim: true).Sigmoid(), [x, w]);
        result.ThrowIfFailed();
        Assert.Equal(8, result.Comparisons);
    }

    [Fact]
    public void GradCheckCatchesAWrongGradient()
    {
        // A check that cannot fail proves nothing: a custom function with a deliberately wrong backward must fail.
        var x = Normal(310, 4);
        var result = GradCheck.Run(t => new WrongDouble().Apply(t[0]), [x]);
        Assert.False(result.Passed);
        Assert.Throws<InvalidOperationException>(result.ThrowIfFailed);
    }

    private sealed class WrongDouble : Function
    {
        protected override Tensor Forward(FunctionContext ctx, Tensor[] inputs) => inputs[0] * 2;
        protected override Tensor?[] Backward(FunctionContext ctx, Tensor gradOutput) => [gradOutput * 3];
    }

    public static TheoryData<string> SecondOrderNames => [.. SecondOrderCases.Keys];

    private static readonly Dictionary<string, Case> SecondOrderCases = new()
    {
        ["Tanh"] = Unary(x => x.Tanh(), () => Normal(320, 2, 3)),
        ["Sigmoid"] = Unary(x => x.Sigmoid(), () => Normal(321, 2, 3)),
        ["Softmax"] = Unary(x => x.Softmax(1), () => Normal(322, 2, 3)),
        ["LogSoftmax"] = Unary(x => x.LogSoftmax(0), () => Normal(323, 2, 3)),
        ["MatMul"] = Binary((a, b) => a.MatMul(b).Square(), () => Normal(324, 2, 3), () => Normal(325, 3, 2)),
        ["Exp·Log"] = Unary(x => x.Exp().Mul(x.Log()) + x.Log().Exp(), () => Positive(326, 2, 3)),
        ["Pow(3)"] = Unary(x => x.Pow(3), () => Normal(327, 2, 3)),
        ["Pow(tensor)"] = Binary((a, b) => a.Pow(b), () => Positive(328, 2, 3), () => Normal(329, 3)),
        ["LogSumExp and Var"] = Unary(x => x.LogSumExp(1) * x.Var(1), () => Normal(330, 2, 3)),
        ["Gather and Max"] = Unary(x => x.Exp().Gather(1, Tensor.From(new long[,] { { 2 }, { 0 } })) * x.Max(1, keepdim: true).Values, () => Normal(331, 2, 3)),
    };

    [Theory]
    [MemberData(nameof(SecondOrderNames))]
    public void SecondOrderMatchesCentralDifferences(string op)
    {
        var c = SecondOrderCases[op];
        GradCheck.RunSecondOrder(c.Function, c.Inputs()).ThrowIfFailed();
    }

    [Theory]
    [InlineData(DType.Float32, DType.Float64)]
    [InlineData(DType.Float64, DType.Float32)]
    public void ToGivesTheGradientInTheSourceDType(DType from, DType to)
    {
        // float32↔float64 rounds, so finite differences cannot check it; the gradient is the identity, cast back.
        var x = Tensor.From(new[] { 1.5, -2.0, 0.25 }).To(from).RequireGrad();
        (x.To(to) * Tensor.From(new[] { 2.0, 3.0, 4.0 }).To(to)).Sum().Backward();
        Assert.Equal(from, x.Grad!.DType);
        Close([2, 3, 4], x.Grad);
    }
}
