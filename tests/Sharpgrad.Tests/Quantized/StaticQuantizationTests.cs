using Sharpgrad.Data;
using Sharpgrad.Models;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Quantized;
using Sharpgrad.Training;

namespace Sharpgrad.Tests.Quantized;

/// <summary>
/// The post-training static quantisation workflow (PrepareStatic → calibrate → Convert) on a trained model, and the
/// errors an int8 inference model gives when it is asked to train or differentiate.
/// </summary>
public class StaticQuantizationTests
{
    private static readonly Lazy<(Sequential Model, TensorDataset Train, TensorDataset Test)> Trained = new(TrainDigitsCnn);

    /// <summary>The classification chapter's small CNN (conv 3×3×4, pool, 64→32→10) on the bundled 8×8 digits: a second or two.</summary>
    private static (Sequential, TensorDataset, TensorDataset) TrainDigitsCnn()
    {
        var (train, test) = Datasets.Digits(images: true).Split(0.8, seed: 0);
        var model = ModelZoo.ClassificationChapterCnn(new Generator(0));
        var optimizer = new Adam(model.Parameters(), lr: 1e-2);
        for (int epoch = 0; epoch < 12; epoch++)
            foreach (var (x, y) in new DataLoader(train, batchSize: 64, shuffle: true, seed: epoch))
            {
                var loss = Losses.CrossEntropy(model.Forward(x), y);
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
            }
        model.Eval();
        return (model, train, test);
    }

    private static QuantizedModel Quantise(Sequential model, TensorDataset train)
    {
        var prepared = Quantization.PrepareStatic(model);
        foreach (var (x, _) in new DataLoader(train, batchSize: 64, shuffle: true, seed: 1).Take(4)) prepared.Forward(x);
        Assert.Equal(4, prepared.CalibrationBatches);
        return Quantization.Convert(prepared);
    }

    [Fact]
    public void Int8AccuracyIsWithinOnePointOfFloat32OnTheDigits()
    {
        var (model, train, test) = Trained.Value;
        var int8 = Quantise(model, train);
        Assert.Equal(["0+1 Conv2d+ReLU (int8)", "2 MaxPool2d (float)", "3 Flatten (int8)", "4+5 Linear+ReLU (int8)", "6 Linear (int8)"], int8.Steps);
        double float32 = Metrics.Accuracy(model, test), quantised = Metrics.Accuracy(int8, test);
        Assert.True(float32 > 0.9, $"the float model reached only {float32:F3}; the comparison needs a trained model");
        Assert.True(Math.Abs(quantised - float32) <= 0.01, $"int8 accuracy {quantised:F4} vs float32 {float32:F4}: more than 1 point apart");
    }

    [Fact]
    public void Int8LogitsStayCloseToTheFloatLogits()
    {
        var (model, train, test) = Trained.Value;
        var int8 = Quantise(model, train);
        var x = test.Inputs[TensorIndex.Slice(0, 50)];
        Tensor float32;
        using (Autograd.NoGrad()) float32 = model.Forward(x);
        var gap = (int8.Forward(x) - float32).Abs().Max().Item<float>();
        var spread = float32.Abs().Max().Item<float>();
        Assert.True(gap < 0.1 * spread, $"int8 logits differ from float32 by {gap}, against logits up to {spread}");
        Assert.True(gap > 0, "int8 logits equal the float ones exactly: nothing was quantised");
    }

    [Fact]
    public void TheSameBitsAtAnyThreadCount()
    {
        // Batch 300 is large enough for the GEMM and the requantisation to split across threads.
        var (model, train, test) = Trained.Value;
        var int8 = Quantise(model, train);
        var x = test.Inputs[TensorIndex.Slice(0, 300)];
        float[] With(int threads)
        {
            using var _ = Threads.Use(threads);
            return int8.Forward(x).ToArray<float>();
        }
        Assert.Equal(With(1), With(4));
    }

    [Fact]
    public void ConvertBeforeCalibrationSaysWhatToDo()
    {
        var prepared = Quantization.PrepareStatic(new Sequential(new Linear(4, 2, generator: new Generator(0))));
        var e = Assert.Throws<InvalidOperationException>(() => Quantization.Convert(prepared));
        Assert.Contains("calibration", e.Message);
        Assert.Contains("prepared.Forward", e.Message);
    }

    [Fact]
    public void TheInt8ModelRefusesTrainingAndGradients()
    {
        var model = new Sequential(new Linear(4, 3, generator: new Generator(0)), new ReLU(), new Linear(3, 2, generator: new Generator(1)));
        var x = Tensor.Randn([5, 4], DType.Float32, new Generator(2));
        var int8 = Quantization.QuantizeStatic(model, [x]);
        Assert.Empty(int8.Parameters());
        var y = int8.Forward(x);
        Assert.False(y.RequiresGrad);
        Assert.ThrowsAny<Exception>(() => y.Sum().Backward());

        var grad = Assert.Throws<InvalidOperationException>(() => int8.Forward(x.Clone().RequireGrad()));
        Assert.Contains("records no gradients", grad.Message);
        int8.Train();
        var train = Assert.Throws<InvalidOperationException>(() => int8.Forward(x));
        Assert.Contains("inference only", train.Message);
        int8.Eval();
        var nan = Assert.Throws<ArgumentException>(() => int8.Forward(x.Clone().Fill(float.NaN)));
        Assert.Contains("NaN", nan.Message);
        var shape = Assert.Throws<ArgumentException>(() => int8.Forward(Tensor.Zeros(5, 6)));
        Assert.Contains("expected input [N, 4]", shape.Message);
    }

    [Fact]
    public void LayersWithoutAnInt8FormRunInFloatWithTheirOwnScale()
    {
        var model = new Sequential(new Linear(6, 8, generator: new Generator(0)), new Tanh(), new Linear(8, 3, generator: new Generator(1)));
        var x = Tensor.Randn([20, 6], DType.Float32, new Generator(3));
        var int8 = Quantization.QuantizeStatic(model, [x]);
        Assert.Equal(["0 Linear (int8)", "1 Tanh (float)", "2 Linear (int8)"], int8.Steps);
        Tensor float32, tanh;
        using (Autograd.NoGrad())
        {
            float32 = model.Forward(x);
            tanh = ((Module<Tensor, Tensor>)model[1]).Forward(((Module<Tensor, Tensor>)model[0]).Forward(x));
        }
        Assert.True((int8.Forward(x) - float32).Abs().Max().Item<float>() < 0.05);
        // Its own scale: the calibrated range of tanh's output, not the Linear's range it received.
        var tanhStep = Assert.IsType<FloatStep>(int8.StepModules[1]);
        var expected = QuantParams.FromRange(tanh.Min().Item<float>(), tanh.Max().Item<float>());
        Assert.Equal(expected, tanhStep.Output);
    }

    [Fact]
    public void FloatStepsRunInEvalModeWhateverModeTheFloatModelIsIn()
    {
        // Dropout and batch norm are float steps. A float model left in training mode must not make the int8 model draw
        // dropout masks (two calls would differ) or update batch norm's running statistics.
        var norm = new BatchNorm1d(8);
        var model = new Sequential(new Linear(6, 8, generator: new Generator(0)), norm, new Dropout(0.5), new Linear(8, 3, generator: new Generator(1)));
        var x = Tensor.Randn([20, 6], DType.Float32, new Generator(3));
        var int8 = Quantization.QuantizeStatic(model, [x]);
        model.Train();
        var runningMean = norm.RunningMean!.Clone();
        var first = int8.Forward(x);
        var second = int8.Forward(x);
        Assert.True(first.Eq(second).All(), "dropout drew a mask inside the int8 model");
        Assert.True(norm.RunningMean!.Eq(runningMean).All(), "batch norm's running mean changed during int8 inference");
        Assert.True(model.IsTraining, "the float model's own mode is restored");
        Tensor evalOutput;
        model.Eval();
        using (Autograd.NoGrad()) evalOutput = model.Forward(x);
        Assert.True((first - evalOutput).Abs().Max().Item<float>() < 0.1);
    }

    [Fact]
    public void ALayerTooDeepForInt32SumsIsRefused()
    {
        // 2·K·255·128 must fit int32, so K ≤ 32,896; a Linear over 40,000 inputs would wrap around silently.
        Assert.Equal(32_896, QuantizedWeight.MaxExactDepth);
        var model = new Sequential(new Linear(40_000, 2, generator: new Generator(0)));
        var error = Assert.Throws<ArgumentException>(() => Quantization.QuantizeStatic(model, [Tensor.Randn([2, 40_000], DType.Float32, new Generator(1))]));
        Assert.Contains("40000 products per output", error.Message);
    }
}
