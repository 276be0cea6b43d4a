using Sharpgrad.NN;
using static Sharpgrad.Tests.NN.ActivationRecyclingProbe;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN;

/// <summary>
/// Every layer type the training-call recycler allows (FeedForwardLayers beyond the 2-d convolutional set that
/// ConvolutionalActivationRecyclingTests trains): ReLU → layer → ReLU in a Sequential, against the same network with a
/// hook that turns recycling off. Three passes on inputs of one shape, so the later ones run on recycled buffers; the
/// results, the input's gradient, the parameters' gradients and the running statistics must be bit for bit equal, and
/// the recycling network must give back at least its first ReLU's output and the layer's own (every one ≥ 4 KB, the
/// pool's minimum).
/// </summary>
public sealed class AllowListedLayerRecyclingTests
{
    /// <summary>The layer under test, the input shape, and whether its output is a view of its input.</summary>
    private static (Module<Tensor, Tensor> Layer, int[] Shape, bool View) Case(string name, DType dtype = DType.Float32) => name switch
    {
        "Conv1d" => (new Conv1d(4, 8, 3, padding: 1, dtype: dtype, generator: new Generator(1)), [2, 4, 128], false),
        "Conv3d" => (new Conv3d(2, 4, 3, padding: 1, generator: new Generator(1)), [2, 2, 8, 8, 8], false),
        "Conv3dPastTheParallelGrain" => (new Conv3d(4, 8, 3, padding: 1, generator: new Generator(1)), [2, 4, 16, 16, 20], false),
        "BatchNorm1d" => (new BatchNorm1d(8), [16, 8, 16], false),
        "BatchNorm3d" => (new BatchNorm3d(4), [2, 4, 8, 8, 8], false),
        "MaxPool1d" => (new MaxPool1d(2), [2, 8, 256], false),
        "MaxPool3d" => (new MaxPool3d(2), [2, 4, 16, 16, 16], false),
        "AvgPool1d" => (new AvgPool1d(2), [2, 8, 256], false),
        "AvgPool2d" => (new AvgPool2d(2), [2, 8, 32, 32], false),
        "AvgPool3d" => (new AvgPool3d(2), [2, 4, 16, 16, 16], false),
        "AdaptiveAvgPool1d" => (new AdaptiveAvgPool1d(64), [2, 16, 256], false),
        "AdaptiveAvgPool3d" => (new AdaptiveAvgPool3d(4), [2, 16, 8, 8, 8], false),
        "Sigmoid" => (new Sigmoid(), [2, 8, 256], false),
        "Tanh" => (new Tanh(), [2, 8, 256], false),
        "Identity" => (new Identity(), [2, 8, 256], true),
        "Flatten" => (new Flatten(), [2, 8, 256], true),
        _ => throw new ArgumentException($"no case {name}"),
    };

    [Theory]
    [InlineData("Conv1d", 1, DType.Float32)]
    [InlineData("Conv3d", 1, DType.Float32)]
    [InlineData("BatchNorm1d", 1, DType.Float32)]
    [InlineData("BatchNorm3d", 1, DType.Float32)]
    [InlineData("MaxPool1d", 1, DType.Float32)]
    [InlineData("MaxPool3d", 1, DType.Float32)]
    [InlineData("AvgPool1d", 1, DType.Float32)]
    [InlineData("AvgPool2d", 1, DType.Float32)]
    [InlineData("AvgPool3d", 1, DType.Float32)]
    [InlineData("AdaptiveAvgPool1d", 1, DType.Float32)]
    [InlineData("AdaptiveAvgPool3d", 1, DType.Float32)]
    [InlineData("Sigmoid", 1, DType.Float32)]
    [InlineData("Tanh", 1, DType.Float32)]
    [InlineData("Identity", 1, DType.Float32)]
    [InlineData("Flatten", 1, DType.Float32)]
    [InlineData("Conv3dPastTheParallelGrain", 2, DType.Float32)]   // ReLU on 40 960 and the convolution's 81 920 elements
    [InlineData("Conv1d", 1, DType.Float64)]
    public void PassesEqualThoseOfANetworkThatRecyclesNothing(string layer, int threads, DType dtype)
    {
        using var _ = Threads.Use(threads);
        var (recyclingLayer, shape, view) = Case(layer, dtype);   // two equal layers: the seeds are fixed
        var recycling = new Sequential(new ReLU(), recyclingLayer, new ReLU());
        var reference = ThatRecyclesNothing(new Sequential(new ReLU(), Case(layer, dtype).Layer, new ReLU()));
        foreach (int seed in new[] { 1, 2, 3 })
        {
            var x = Tensor.Randn(shape, dtype, new Generator(seed));
            var (y, gx, recycled) = Pass(recycling, x);
            var (expectedY, expectedGx, notRecycled) = Pass(reference, x);
            Assert.Equal(0, notRecycled);
            BitwiseEqual(expectedY, y);
            BitwiseEqual(expectedGx, gx);
            long reluBytes = (long)x.Count * dtype.ElementSize();
            long layerBytes = view ? 0 : (long)Case(layer, dtype).Layer.Forward(x).Count * dtype.ElementSize();   // a fresh layer's
            Assert.True(reluBytes >= BufferPool.MinimumBytes && (view || layerBytes >= BufferPool.MinimumBytes), "buffers too small to be pooled");
            Assert.True(recycled >= reluBytes + layerBytes, $"{layer}: recycled {recycled} bytes, expected at least {reluBytes + layerBytes}");
        }
        foreach (var (p, q) in recycling.Parameters().Zip(reference.Parameters())) BitwiseEqual(q.Grad!, p.Grad!);
        foreach (var (p, q) in recycling.Buffers().Zip(reference.Buffers())) BitwiseEqual(q, p);   // running statistics
    }

    private static (Tensor Y, Tensor Gx, long Recycled) Pass(Sequential network, Tensor input)
    {
        var x = input.Detach().RequireGrad();
        var y = network.Forward(x);
        var loss = (y * y).Sum();
        long recycled = RecycledBytes(() => loss.Backward());
        return (y.Detach(), x.Grad!, recycled);
    }
}
