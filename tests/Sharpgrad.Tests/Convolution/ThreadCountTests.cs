using Sharpgrad.NN;

namespace Sharpgrad.Tests.Convolution;

/// <summary>DESIGN.md: results never depend on the thread count. Convolution and pooling kernels split work by plane.</summary>
public class ThreadCountTests
{
    [Fact]
    public void ConvolutionAndPoolingAreBitwiseTheSameOnOneOrManyThreads()
    {
        (double[] Output, double[] InputGrad, double[] WeightGrad) Run(int threads)
        {
            using var scope = Threads.Use(threads);
            var x = Rand.Leaf(1, 4, 16, 16, 16);
            var w = Rand.Leaf(2, 8, 16, 3, 3);
            var up = Rand.Normal(3, 8, 2, 3, 3);
            var y = Functional.MaxPool2d(Functional.Conv2d(x, w, padding: 1), 3, stride: 2, padding: 1);      // [4, 8, 8, 8]
            var z = Functional.ConvTranspose2d(Functional.AvgPool2d(y, 3, stride: 1, padding: 1), up, stride: 2);
            z.Square().Sum().Backward();
            return (z.ToArray<double>(), x.Grad!.ToArray<double>(), w.Grad!.ToArray<double>());
        }
        var one = Run(1);
        var many = Run(4);
        Assert.Equal(one.Output, many.Output);
        Assert.Equal(one.InputGrad, many.InputGrad);
        Assert.Equal(one.WeightGrad, many.WeightGrad);
    }
}
