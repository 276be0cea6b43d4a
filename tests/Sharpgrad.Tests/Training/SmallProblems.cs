using Sharpgrad.Data;
using Sharpgrad.NN;

namespace Sharpgrad.Tests.Training;

/// <summary>Tiny, fast datasets and models for the training tests.</summary>
internal static class SmallProblems
{
    /// <summary>
    /// Two Gaussian blobs in 2-D, class 0 around (−1, −1) and class 1 around (1, 1) with standard deviation
    /// <paramref name="spread"/>, <paramref name="n"/> examples, int64 labels.
    /// </summary>
    public static TensorDataset Blobs(int n, long seed, double spread = 0.7)
    {
        var generator = new Generator(seed);
        var labels = Tensor.RandInt(0, 2, [n], generator);
        var centres = labels.Float().Unsqueeze(1) * 2 - 1;
        var inputs = centres + Tensor.Randn([n, 2], DType.Float32, generator) * spread;
        return new TensorDataset(inputs, labels);
    }

    public static Sequential Mlp(long seed, double dropout = 0, Generator? dropoutGenerator = null)
    {
        var g = new Generator(seed);
        return dropout > 0
            ? new Sequential(new Linear(2, 8, generator: g), new ReLU(), new Dropout(dropout, dropoutGenerator), new Linear(8, 2, generator: g))
            : new Sequential(new Linear(2, 8, generator: g), new ReLU(), new Linear(8, 2, generator: g));
    }

    public static Tensor CrossEntropy(Tensor logits, Tensor labels) => Losses.CrossEntropy(logits, labels);

    /// <summary>Every parameter's values as raw bits, for bitwise comparisons.</summary>
    public static Dictionary<string, int[]> Bits(Module model) =>
        model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Float().ToArray<float>().Select(BitConverter.SingleToInt32Bits).ToArray());
}
