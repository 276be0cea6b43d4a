#region guide README.md 1
using Sharpgrad;
using Sharpgrad.Data;
using Sharpgrad.IO;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Training;
#endregion

namespace Sharpgrad.Tests.Guide;

/// <summary>
/// Every C# block of docs/guide, compiled here between <c>#region guide FILE N</c> markers and run by a test that
/// checks what the block claims. <see cref="GuideSnippetTests"/> fails when a block in the guide and its copy here
/// differ, so the guide cannot rot.
/// </summary>
public class GuideSnippets
{
    [Fact]
    public void Tensors()
    {
        #region guide 01-tensors.md 1
        var x = Tensor.Arange(6).Reshape(2, 3).Float();     // [[0, 1, 2], [3, 4, 5]]
        var y = x.T;                                         // a view: shape [3, 2], no copy
        var z = x.MatMul(y);                                 // [[5, 14], [14, 50]]
        var column = x[.., 1];                               // [1, 4]
        var scaled = x * Tensor.From(new float[] { 1, 10, 100 });   // broadcasting over rows
        Console.WriteLine(z);
        Console.WriteLine(scaled.Sum(1));                    // [210, 543]
        #endregion
        Assert.Equal([5.0, 14, 14, 50], z.ToDoubleArray());
        Assert.Equal([1.0, 4], column.ToDoubleArray());
        Assert.Equal([210.0, 543], scaled.Sum(1).ToDoubleArray());

        #region guide 01-tensors.md 2
        var logits = Tensor.From(new double[,] { { 1, 3, 2 }, { 0, -1, 5 } });
        var best = logits.ArgMax(1);                         // [1, 2], int64
        var (values, indices) = logits.Sort(1, descending: true);
        var probabilities = logits.Softmax(1);               // each row sums to 1
        Console.WriteLine(logits.Gather(1, best.Unsqueeze(1)));   // [[3], [5]]
        #endregion
        Assert.Equal([1L, 2], best.ToArray<long>());
        Assert.Equal([3.0, 2, 1, 5, 0, -1], values.ToDoubleArray());
        Assert.Equal([1L, 2, 0, 2, 0, 1], indices.ToArray<long>());
        Assert.True(probabilities.Sum(1).AllClose(Tensor.Ones([2], DType.Float64)));

        #region guide 01-tensors.md 3
        var a = Tensor.From(new[] { 1.5, -2.0, 3.25 });
        var onReference = a.To(Device.Reference);            // the reference backend computes from here on
        var doubled = (onReference * 2).To(Device.Cpu);      // [3, -4, 6.5]
        var half = a.To(DType.BFloat16);                     // 2 bytes per element
        var sum = half + half;                               // computed in float32, rounded to bfloat16
        Console.WriteLine(sum);                              // [3, -4, 6.5], dtype=bfloat16
        #endregion
        Assert.Equal(Device.Reference, onReference.Device);
        Assert.Equal(Device.Cpu, doubled.Device);
        Assert.Equal([3.0, -4, 6.5], doubled.ToDoubleArray());
        Assert.Equal(DType.BFloat16, sum.DType);
        Assert.Equal([3.0, -4, 6.5], sum.ToDoubleArray());    // all three are exact in bfloat16's 8 bits of precision
        Assert.Contains("dtype=bfloat16", sum.ToString());
    }

    [Fact]
    public void Autograd_()
    {
        #region guide 02-autograd.md 1
        var w = Tensor.From(new[] { 2.0, -1.0 }).RequireGrad();
        var x = Tensor.From(new[] { 3.0, 4.0 });
        var loss = (w * x).Sum().Square();      // (w·x)² = 4
        loss.Backward();
        Console.WriteLine(w.Grad);              // 2(w·x)·x = [12, 16]
        #endregion
        Assert.Equal([12.0, 16], w.Grad!.ToDoubleArray());

        #region guide 02-autograd.md 2
        var t = Tensor.From(new[] { 1.5 }).RequireGrad();
        var f = t.Pow(3);                                                    // t³
        var dfdt = Autograd.Grad([f], [t], createGraph: true)[0];             // 3t² = 6.75
        var d2fdt2 = Autograd.Grad([dfdt], [t])[0];                          // 6t = 9
        Console.WriteLine($"{dfdt.Item()} {d2fdt2.Item()}");
        #endregion
        Assert.Equal(6.75, dfdt.Item(), 12);
        Assert.Equal(9, d2fdt2.Item(), 12);

        #region guide 02-autograd.md 3
        var h = Tensor.From(new[] { 1.0, -2.0 }).RequireGrad();
        var hidden = h * 10;
        hidden.RegisterHook(g => g.Clamp(-0.5, 0.5));
        hidden.Sum().Backward();
        Console.WriteLine(h.Grad);              // 10 · 0.5 = [5, 5]
        #endregion
        Assert.Equal([5.0, 5], h.Grad!.ToDoubleArray());

        #region guide 02-autograd.md 4
        var input = Tensor.Randn([3, 4], DType.Float64, new Generator(0)).RequireGrad();
        GradCheck.Assert(inputs => inputs[0].Tanh().Sum(1), input);
        #endregion
    }

    #region guide 03-modules.md 1
    public sealed class TwoLayerNet : Module<Tensor, Tensor>
    {
        private readonly Linear hidden, output;

        public TwoLayerNet(int inputs, int width, int classes)
        {
            hidden = RegisterModule("hidden", new Linear(inputs, width));
            output = RegisterModule("output", new Linear(width, classes));
        }

        protected override Tensor ForwardCore(Tensor x) => output.Forward(hidden.Forward(x).Relu());
    }
    #endregion

    #region guide 03-modules.md 3
    public sealed class GaussianEncoder : Module<Tensor, (Tensor Mu, Tensor LogVar)>
    {
        private readonly Linear mu, logVar;

        public GaussianEncoder(int inputs, int latent)
        {
            mu = RegisterModule("mu", new Linear(inputs, latent));
            logVar = RegisterModule("logvar", new Linear(inputs, latent));
        }

        protected override (Tensor Mu, Tensor LogVar) ForwardCore(Tensor x) => (mu.Forward(x), logVar.Forward(x));
    }
    #endregion

    [Fact]
    public void Modules()
    {
        #region guide 03-modules.md 2
        var net = new TwoLayerNet(4, 8, 3);
        Console.WriteLine(string.Join(", ", net.StateDict().Keys));   // hidden.weight, hidden.bias, output.weight, output.bias
        var logits = net.Forward(Tensor.Randn([5, 4]));                 // shape [5, 3]
        Console.WriteLine(net.Summary([5, 4]));                          // layers, shapes, parameters, FLOPs
        #endregion
        Assert.Equal(["hidden.weight", "hidden.bias", "output.weight", "output.bias"], net.StateDict().Keys);
        Assert.Equal([5, 3], logits.Shape);

        #region guide 03-modules.md 4
        var encoder = new GaussianEncoder(6, 2);
        var shapes = new List<string>();
        var handle = encoder.RegisterForwardHook((module, input, output) =>
            shapes.AddRange(TensorTree.Flatten(output).Select(t => string.Join("x", t.Shape))));
        var (m, lv) = encoder.Forward(Tensor.Randn([4, 6]));
        handle.Remove();
        Console.WriteLine(string.Join(", ", shapes));   // 4x2, 4x2
        #endregion
        Assert.Equal(["4x2", "4x2"], shapes);
        Assert.Equal([4, 2], lv.Shape);

        #region guide 03-modules.md 5
        var model = new Sequential(new Linear(4, 8), new ReLU(), new Dropout(0.5), new Linear(8, 3));
        model[0].RequiresGrad(false);                 // freeze the first layer
        using (model.EvalScope())                     // dropout off inside; each module's own mode comes back after
            Console.WriteLine(model.Forward(Tensor.Ones([1, 4])));
        var precise = model.To(DType.Float64);        // parameters converted in place
        #endregion
        Assert.False(model[0].Parameters().First().RequiresGrad);
        Assert.True(model[3].Parameters().First().RequiresGrad);
        Assert.True(model.IsTraining);
        Assert.Equal(DType.Float64, precise[3].Parameters().First().DType);
    }

    [Fact]
    public void Data()
    {
        #region guide 04-data.md 1
        var (train, test) = Datasets.Digits().Split(0.8, seed: 0);
        Console.WriteLine($"{train.Count} training and {test.Count} test examples");
        foreach (var (images, labels) in new DataLoader(train, batchSize: 64, shuffle: true, seed: 1))
        {
            Console.WriteLine($"{string.Join("x", images.Shape)} images, {string.Join("x", labels.Shape)} labels");
            break;
        }
        #endregion
        Assert.Equal(1797, train.Count + test.Count);   // the UCI digits' size

        #region guide 04-data.md 2
        var inputs = Tensor.Randn([100, 3], DType.Float32, new Generator(0));
        var targets = inputs.Sum(1).Gt(0).Long();                   // a linearly separable labelling
        var dataset = new TensorDataset(inputs, targets);
        var batches = new DataLoader(dataset, batchSize: 32).Count(); // 4 batches: 32, 32, 32, 4
        #endregion
        Assert.Equal(4, batches);
    }

    [Fact]
    public void Training()
    {
        #region guide 05-training.md 1
        var (train, test) = Datasets.Digits().Split(0.8, seed: 0);
        var model = new Sequential(new Linear(64, 32, generator: new Generator(0)), new ReLU(), new Linear(32, 10, generator: new Generator(1)));
        var optimizer = new SGD(model.Parameters(), lr: 0.1, momentum: 0.9);
        for (int epoch = 0; epoch < 10; epoch++)
            foreach (var (x, y) in new DataLoader(train, batchSize: 32, shuffle: true, seed: epoch))
            {
                var loss = Losses.CrossEntropy(model.Forward(x), y);
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
            }
        double accuracy = Metrics.Accuracy(model, test);   // about 0.95
        #endregion
        Assert.InRange(accuracy, 0.9, 1.0);

        #region guide 05-training.md 2
        var path = Path.Combine(Directory.CreateTempSubdirectory("digits").FullName, "mlp.safetensors");
        model.Save(path);
        var restored = new Sequential(new Linear(64, 32), new ReLU(), new Linear(32, 10));
        restored.Load(path);                                  // strict: every key and shape must match
        double same = Metrics.Accuracy(restored, test);       // equal to the trained model's
        #endregion
        Assert.Equal(accuracy, same);

        #region guide 05-training.md 3
        var trainer = new Trainer { CheckpointDirectory = Directory.CreateTempSubdirectory("digits-run").FullName };
        var net = new Sequential(new Linear(64, 32, generator: new Generator(0)), new ReLU(), new Linear(32, 10, generator: new Generator(1)));
        var history = trainer.Fit(net, (z, y) => Losses.CrossEntropy(z, y), new Adam(net.Parameters(), lr: 1e-3),
            train, test, epochs: 3, batchSize: 32, seed: 0);
        Console.WriteLine($"validation accuracy after {history.Epochs.Count} epochs: {history.Last.ValidationAccuracy}");
        #endregion
        Assert.Equal(3, history.Epochs.Count);
        Assert.True(history.Last.TrainLoss < history.Epochs[0].TrainLoss);
        Assert.InRange(history.Last.ValidationAccuracy, 0.7, 1.0);
    }
}
