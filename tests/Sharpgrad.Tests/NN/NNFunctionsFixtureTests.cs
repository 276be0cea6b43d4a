using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN;

/// <summary>
/// Issue #10's functions and losses against PyTorch 1.13 (Fixtures/nn_functions.json): outputs and gradients of
/// Σ output·G in float64.
/// </summary>
public class NNFunctionsFixtureTests
{
    private static TheoryData<string> Cases(string prefix) => new(NNFunctionsFixture.Names(prefix));

    public static TheoryData<string> GridSampleCases => Cases("grid_sample_");
    public static TheoryData<string> AffineGridCases => Cases("affine_grid_");
    public static TheoryData<string> MaxPoolCases => Cases("max_pool_");
    public static TheoryData<string> AvgPoolCases => Cases("avg_pool_");
    public static TheoryData<string> LpPoolCases => Cases("lp_pool_");
    public static TheoryData<string> TripletCases => Cases("triplet_p");
    public static TheoryData<string> PoissonCases => Cases("poisson_log");
    public static TheoryData<string> CtcCases => new(NNFunctionsFixture.Names("ctc_padded_").Concat(NNFunctionsFixture.Names("ctc_concatenated_")));

    [Fact]
    public void NormalizeMatchesPyTorch()
    {
        new NNFunctionsFixture("normalize_p2_dim1").Check(x => Functional.Normalize(x("x")), ["x"]);
        new NNFunctionsFixture("normalize_p1_dim0").Check(x => Functional.Normalize(x("x"), p: 1, dim: 0), ["x"]);
        new NNFunctionsFixture("normalize_p3_dim-1_3d").Check(x => Functional.Normalize(x("x"), p: 3, dim: -1), ["x"]);
    }

    [Fact]
    public void CosineSimilarityMatchesPyTorch()
    {
        new NNFunctionsFixture("cosine_similarity_dim1").Check(x => Functional.CosineSimilarity(x("x1"), x("x2")), ["x1", "x2"]);
        new NNFunctionsFixture("cosine_similarity_broadcast_dim-1").Check(x => Functional.CosineSimilarity(x("x1"), x("x2"), dim: -1), ["x1", "x2"]);
    }

    [Fact]
    public void PairwiseDistanceMatchesPyTorch()
    {
        new NNFunctionsFixture("pairwise_distance_p2").Check(x => Functional.PairwiseDistance(x("x1"), x("x2")), ["x1", "x2"]);
        new NNFunctionsFixture("pairwise_distance_p1_keepdim").Check(x => Functional.PairwiseDistance(x("x1"), x("x2"), p: 1, keepdim: true), ["x1", "x2"]);
        new NNFunctionsFixture("pairwise_distance_p3_eps").Check(x => Functional.PairwiseDistance(x("x1"), x("x2"), p: 3, eps: 1e-3), ["x1", "x2"]);
    }

    [Fact]
    public void PixelShuffleAndUnshuffleMatchPyTorch()
    {
        new NNFunctionsFixture("pixel_shuffle_r2").Check(x => Functional.PixelShuffle(x("x"), 2), ["x"], 0);
        new NNFunctionsFixture("pixel_shuffle_r3_unbatched").Check(x => Functional.PixelShuffle(x("x"), 3), ["x"], 0);
        new NNFunctionsFixture("pixel_unshuffle_r2").Check(x => Functional.PixelUnshuffle(x("x"), 2), ["x"], 0);
    }

    [Theory]
    [MemberData(nameof(AffineGridCases))]
    public void AffineGridMatchesPyTorch(string name)
    {
        var c = new NNFunctionsFixture(name);
        c.Check(x => Functional.AffineGrid(x("theta"), [2, 3, 4, 5], c.Params.GetProperty("align_corners").GetBoolean()), ["theta"]);
    }

    [Theory]
    [MemberData(nameof(GridSampleCases))]
    public void GridSampleMatchesPyTorch(string name)
    {
        var c = new NNFunctionsFixture(name);
        var mode = c.Params.TryGetProperty("mode", out var m) && m.GetString() == "nearest" ? GridSampleMode.Nearest : GridSampleMode.Bilinear;
        var padding = (c.Params.TryGetProperty("padding_mode", out var p) ? p.GetString() : "reflection") switch
        {
            "zeros" => GridSamplePadding.Zeros,
            "border" => GridSamplePadding.Border,
            _ => GridSamplePadding.Reflection,
        };
        bool align = c.Params.GetProperty("align_corners").GetBoolean();
        c.Check(x => Functional.GridSample(x("x"), x("grid"), mode, padding, align), ["x", "grid"]);
    }

    [Fact]
    public void InstanceNormMatchesPyTorchIncludingTheRunningStatistics()
    {
        foreach (var stats in new[] { true, false })
        {
            var c = new NNFunctionsFixture($"instance_norm_stats{stats}");
            var mean = c["running_mean_before"];
            var variance = c["running_var_before"];
            c.Check(x => Functional.InstanceNorm(x("x"), mean, variance, x("weight"), x("bias"), useInputStats: stats, momentum: 0.2),
                ["x", "weight", "bias"]);
            Tensors.TensorAssert.Close(c["running_mean_after"], mean, 1e-14);
            Tensors.TensorAssert.Close(c["running_var_after"], variance, 1e-14);
        }
        new NNFunctionsFixture("instance_norm_plain_3d").Check(x => Functional.InstanceNorm(x("x")), ["x"]);
    }

    [Theory]
    [MemberData(nameof(TripletCases))]
    public void TripletMarginMatchesPyTorch(string name)
    {
        var c = new NNFunctionsFixture(name);
        c.Check(x => Losses.TripletMargin(x("a"), x("p"), x("n"), margin: 1.5, p: c.Params.GetProperty("p").GetDouble(),
            swap: c.Params.GetProperty("swap").GetBoolean(), reduction: Reduction.None), ["a", "p", "n"]);
    }

    [Fact]
    public void RankingAndEmbeddingLossesMatchPyTorch()
    {
        new NNFunctionsFixture("triplet_mean").Check(x => Losses.TripletMargin(x("a"), x("p"), x("n")), ["a", "p", "n"]);
        new NNFunctionsFixture("margin_ranking").Check(x => Losses.MarginRanking(x("x1"), x("x2"), x("y"), 0.3, Reduction.None), ["x1", "x2"]);
        new NNFunctionsFixture("margin_ranking_mean").Check(x => Losses.MarginRanking(x("x1"), x("x2"), x("y"), 0.3), ["x1", "x2"]);
        new NNFunctionsFixture("cosine_embedding").Check(x => Losses.CosineEmbedding(x("x1"), x("x2"), x("y"), -0.2, Reduction.None), ["x1", "x2"]);
        new NNFunctionsFixture("cosine_embedding_mean").Check(x => Losses.CosineEmbedding(x("x1"), x("x2"), x("y"), 0.1), ["x1", "x2"]);
    }

    [Theory]
    [MemberData(nameof(PoissonCases))]
    public void PoissonNLLMatchesPyTorch(string name)
    {
        var c = new NNFunctionsFixture(name);
        c.Check(x => Losses.PoissonNLL(x("x"), x("target"), c.Params.GetProperty("log_input").GetBoolean(),
            c.Params.GetProperty("full").GetBoolean(), reduction: Reduction.None), ["x"]);
    }

    [Fact]
    public void GaussianNLLMatchesPyTorchForEveryVarianceShape()
    {
        new NNFunctionsFixture("poisson_mean").Check(x => Losses.PoissonNLL(x("x"), x("target")), ["x"]);
        foreach (var name in new[] { "same", "dropped_last", "last_one" })
            new NNFunctionsFixture($"gaussian_nll_{name}").Check(x => Losses.GaussianNLL(x("x"), x("target"), x("var"), reduction: Reduction.None), ["x", "var"]);
        new NNFunctionsFixture("gaussian_nll_full_mean").Check(x => Losses.GaussianNLL(x("x"), x("target"), x("var"), full: true), ["x", "var"]);
        // Variances below eps are clamped in value but the gradient passes the clamp, as PyTorch's no_grad clamp_.
        new NNFunctionsFixture("gaussian_nll_clamped_sum").Check(x => Losses.GaussianNLL(x("x"), x("target"), x("var"), eps: 0.1, reduction: Reduction.Sum), ["x", "var"]);
    }

    [Theory]
    [MemberData(nameof(CtcCases))]
    public void CtcMatchesPyTorchThroughLogSoftmax(string name)
    {
        var c = new NNFunctionsFixture(name);
        var reduction = c.Params.GetProperty("reduction").GetString() switch { "none" => Reduction.None, "sum" => Reduction.Sum, _ => Reduction.Mean };
        c.Check(x => Losses.Ctc(x("z").LogSoftmax(2), c.Long("targets"), c.Long("input_lengths"), c.Long("target_lengths"), reduction: reduction), ["z"]);
    }

    [Fact]
    public void CtcWithBlankZeroInfinityAndAnEmptyTargetMatchesPyTorch()
    {
        foreach (var (name, reduction) in new[] { ("ctc_blank4_zero_infinity_none", Reduction.None), ("ctc_blank4_zero_infinity_mean", Reduction.Mean) })
        {
            var c = new NNFunctionsFixture(name);
            c.Check(x => Losses.Ctc(x("z").LogSoftmax(2), c.Long("targets"), c.Long("input_lengths"), c.Long("target_lengths"), blank: 4,
                reduction: reduction, zeroInfinity: true), ["z"]);
        }
    }

    [Fact]
    public void CtcGradientDiffersFromPyTorchsOnlyByTheSoftmaxTerm()
    {
        // PyTorch's gradient w.r.t. log-probs is exp(lp) − (our exact partial derivative) summed per frame to 1; ours is
        // the exact derivative, so PyTorch's minus ours is exp(lp) wherever the frame is within the input length.
        var c = new NNFunctionsFixture("ctc_raw_logprob_grad_sum");
        var lp = c["lp"].RequireGrad();
        var loss = Losses.Ctc(lp, c.Long("targets"), c.Long("input_lengths"), c.Long("target_lengths"), reduction: Reduction.Sum);
        Tensors.TensorAssert.Close(c["out"], loss, 1e-12);
        var grad = Autograd.Grad([loss], [lp])[0];
        var lengths = c.Long("input_lengths").ToArray<long>();
        var inside = Tensor.Arange(lp.Size(0)).Long().View(-1, 1).Lt(Tensor.From(lengths).View(1, -1)).Unsqueeze(2).To(DType.Float64);
        Tensors.TensorAssert.Close(c["grad_lp"], grad + lp.Detach().Exp() * inside, 1e-12);
    }

    [Theory]
    [MemberData(nameof(MaxPoolCases))]
    public void MaxPoolOutputSizesAndValuesMatchPyTorchAtEdgeShapes(string name)
    {
        var c = new NNFunctionsFixture(name);
        c.Check(x => Functional.MaxPool2d(x("x"), Int(c, "kernel"), Int(c, "stride"), Int(c, "padding"), ceilMode: c.Params.GetProperty("ceil_mode").GetBoolean()), ["x"]);
    }

    [Theory]
    [MemberData(nameof(AvgPoolCases))]
    public void AvgPoolOutputSizesAndValuesMatchPyTorchAtEdgeShapes(string name)
    {
        var c = new NNFunctionsFixture(name);
        c.Check(x => Functional.AvgPool2d(x("x"), Int(c, "kernel"), Int(c, "stride"), Int(c, "padding"),
            ceilMode: c.Params.GetProperty("ceil_mode").GetBoolean(), countIncludePad: c.Params.GetProperty("count_include_pad").GetBoolean()), ["x"]);
    }

    [Theory]
    [MemberData(nameof(LpPoolCases))]
    public void LpPoolMatchesPyTorchIncludingAllZeroWindows(string name)
    {
        var c = new NNFunctionsFixture(name);
        if (name == "lp_pool_zero_window") c.Check(x => Functional.LPPool2d(x("x"), 2, 2), ["x"]);
        else if (name == "lp_pool_zero_window_p3") c.Check(x => Functional.LPPool2d(x("x"), 3, 2, 1), ["x"]);
        else c.Check(x => Functional.LPPool2d(x("x"), 2, Int(c, "kernel"), Int(c, "stride"), c.Params.GetProperty("ceil_mode").GetBoolean()), ["x"]);
    }

    [Fact]
    public void SoftplusThresholdMatchesPyTorchExactly()
    {
        // Exact (tolerance 0): above the threshold softplus returns x itself, so softplus(25) − 25 is exactly 0.
        new NNFunctionsFixture("softplus_default").Check(x => Functional.Softplus(x("x")), ["x"], 1e-15);
        new NNFunctionsFixture("softplus_beta2").Check(x => Functional.Softplus(x("x"), beta: 2), ["x"], 1e-15);
        new NNFunctionsFixture("softplus_beta0.5_threshold5").Check(x => Functional.Softplus(x("x"), beta: 0.5, threshold: 5), ["x"], 1e-15);
        var module = new Softplus().Forward(Tensor.From(new[] { 25.0, 21.0 }));
        Assert.Equal(new[] { 25.0, 21.0 }, module.ToDoubleArray());
        Assert.Equal(0.0, (Functional.Softplus(Tensor.Scalar(25.0, DType.Float64)) - 25).Item());
        Assert.Equal(0.0f, (Functional.Softplus(Tensor.Scalar(25.0)) - 25).Item<float>());
    }

    [Fact]
    public void LinearBroadcastsAZeroDimensionalOrOneElementBias()
    {
        new NNFunctionsFixture("linear_0d_bias").Check(x => Functional.Linear(x("x"), x("w"), x("b")), ["x", "w", "b"]);
        new NNFunctionsFixture("linear_1elem_bias").Check(x => Functional.Linear(x("x"), x("w"), x("b")), ["x", "w", "b"]);
    }

    private static int Int(NNFunctionsFixture c, string key) => c.Params.GetProperty(key).GetInt32();
}
