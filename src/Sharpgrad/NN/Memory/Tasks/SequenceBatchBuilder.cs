namespace Sharpgrad.NN.Memory.Tasks;

/// <summary>Fills the host arrays of a <see cref="SequenceBatch"/> step by step, then makes its tensors.</summary>
internal sealed class SequenceBatchBuilder(int steps, int batch, int inputWidth, int outputWidth)
{
    private readonly double[] input = new double[steps * batch * inputWidth];
    private readonly double[] target = new double[steps * batch * outputWidth];
    private readonly double[] mask = new double[steps * batch];

    public void Input(int step, int sequence, int channel, double value) => input[(step * batch + sequence) * inputWidth + channel] = value;

    /// <summary>Sets an answer bit and marks the step as an answer step.</summary>
    public void Target(int step, int sequence, int channel, double value)
    {
        target[(step * batch + sequence) * outputWidth + channel] = value;
        mask[step * batch + sequence] = 1;
    }

    /// <summary>Marks an answer step whose target is all zeros.</summary>
    public void Answer(int step, int sequence) => mask[step * batch + sequence] = 1;

    public SequenceBatch Build(DType dtype) => new(
        Tensor.FromArray(input, steps, batch, inputWidth).To(dtype),
        Tensor.FromArray(target, steps, batch, outputWidth).To(dtype),
        Tensor.FromArray(mask, steps, batch).To(dtype));

    /// <summary>A random 0/1 pattern of <paramref name="length"/> vectors of <paramref name="bits"/> bits, each bit a fair coin.</summary>
    public static double[,] RandomBits(int length, int bits, Generator generator)
    {
        var pattern = new double[length, bits];
        for (int t = 0; t < length; t++)
            for (int k = 0; k < bits; k++) pattern[t, k] = generator.NextDouble() < 0.5 ? 0 : 1;
        return pattern;
    }
}
