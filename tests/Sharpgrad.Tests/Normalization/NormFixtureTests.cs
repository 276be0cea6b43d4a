using Sharpgrad.NN;
using Sharpgrad.Tests.Convolution;

namespace Sharpgrad.Tests.Normalization;

/// <summary>Normalisation layers against torch.nn.functional and torch.nn.BatchNorm (Fixtures/conv_fixtures.json).</summary>
public class NormFixtureTests
{
    [Theory]
    [InlineData("batch_norm2d_train")]
    [InlineData("batch_norm1d_train")]
    public void BatchNormTrainingStepMatchesPyTorch(string name)
    {
        var c = TorchCase.Load(name);
        var runningMean = c.Expected("running_mean_before");
        var runningVar = c.Expected("running_var_before");
        var y = Functional.BatchNorm(c.Input("x"), runningMean, runningVar, c.Input("weight"), c.Input("bias"), training: true, momentum: 0.1, eps: 1e-5);
        c.AssertMatches(y);
        c.AssertClose(c.Expected("running_mean_after"), runningMean, "running mean");
        c.AssertClose(c.Expected("running_var_after"), runningVar, "running variance");
    }

    [Theory]
    [InlineData("batch_norm2d_train")]
    [InlineData("batch_norm1d_train")]
    public void BatchNormLayerTrainsThenEvaluatesWithItsRunningStatistics(string name)
    {
        var c = TorchCase.Load(name);
        var x = c.Input("x");
        BatchNormNd bn = x.Rank == 4 ? new BatchNorm2d(x.Size(1), dtype: DType.Float64) : new BatchNorm1d(x.Size(1), dtype: DType.Float64);
        bn.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["weight"] = Fixture(c, "weight"),
            ["bias"] = Fixture(c, "bias"),
            ["running_mean"] = c.Expected("running_mean_before"),
            ["running_var"] = c.Expected("running_var_before"),
            ["num_batches_tracked"] = Tensor.Scalar(0, DType.Int64),
        });
        c.AssertClose(c.Expected("output"), bn.Forward(x), "training output");
        c.AssertClose(c.Expected("running_var_after"), bn.RunningVar!, "running variance");
        Assert.Equal(1, bn.NumBatchesTracked!.Item());
        bn.Eval();
        c.AssertClose(c.Expected("eval_output"), bn.Forward(c.Expected("eval_input")), "evaluation output");
        Assert.Equal(1, bn.NumBatchesTracked.Item());
    }

    private static Tensor Fixture(TorchCase c, string input) => Sharpgrad.Tests.Support.Fixture.Tensor(c["inputs"].GetProperty(input));

    [Fact]
    public void LayerNormOverTheLastTwoDims()
    {
        var c = TorchCase.Load("layer_norm_last2");
        c.AssertMatches(Functional.LayerNorm(c.Input("x"), [4, 5], c.Input("weight"), c.Input("bias"), eps: 1e-5));
    }

    [Fact]
    public void GroupNormWithThreeGroups()
    {
        var c = TorchCase.Load("group_norm_3groups");
        c.AssertMatches(Functional.GroupNorm(c.Input("x"), 3, c.Input("weight"), c.Input("bias"), eps: 1e-5));
    }

    [Fact]
    public void LocalResponseNormOddWindowOn4dInput()
    {
        var c = TorchCase.Load("local_response_norm_size3");
        c.AssertMatches(Functional.LocalResponseNorm(c.Input("x"), 3, alpha: 0.1, beta: 0.75, k: 1.5));
    }

    [Fact]
    public void LocalResponseNormEvenWindowOn3dInput()
    {
        var c = TorchCase.Load("local_response_norm_size4");
        c.AssertMatches(Functional.LocalResponseNorm(c.Input("x"), 4, alpha: 0.2, beta: 0.5, k: 2));
    }
}
