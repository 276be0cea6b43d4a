using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN.Recurrent;

/// <summary>
/// Truncated BPTT (GBC §10.2.2): the chunks cover the sequence, the carried state makes the chunked forward equal to the
/// whole one, and the detached state stops gradients at the chunk boundary (while an undetached one would not).
/// </summary>
public class TruncatedBpttTests
{
    [Fact]
    public void ChunksCoverTheSequenceTheLastOneShorter()
    {
        var x = Tensor.Arange(0, 14, 1, DType.Float64).Reshape(7, 2);
        var chunks = TruncatedBptt.Chunks(x, 3).ToList();
        Assert.Equal([0, 3, 6], chunks.Select(c => c.Start));
        Assert.Equal([3, 3, 1], chunks.Select(c => c.Chunk.Size(0)));
        Close(Tensor.From(new[] { 12.0, 13 }).Reshape(1, 2), chunks[2].Chunk, 0);
        Assert.Equal([5, 2], TruncatedBptt.Chunks(x.Reshape(1, 7, 2), 5, batchFirst: true).Select(c => c.Chunk.Size(1)));
        Assert.Contains("chunk length must be at least 1", Assert.Throws<ArgumentException>(() => TruncatedBptt.Chunks(x, 0)).Message);
    }

    [Fact]
    public void TheCarriedStateEqualsTheWholeForwardsState()
    {
        var g = new Generator(750);
        var lstm = new LSTM(3, 4, dtype: DType.Float64, generator: g);
        var x = Tensor.Randn([7, 2, 3], DType.Float64, g);
        var (whole, (h, c)) = lstm.Forward(x);

        (Tensor H, Tensor C)? state = null;
        var outputs = new List<Tensor>();
        foreach (var (_, chunk) in TruncatedBptt.Chunks(x, 3))
        {
            var (output, next) = lstm.Forward(chunk, state);
            outputs.Add(output);
            state = TruncatedBptt.Detach(next);
        }
        Close(whole, Tensor.Cat(outputs), 1e-14);
        Close(h, state!.Value.H, 1e-14);
        Close(c, state.Value.C, 1e-14);
    }

    [Fact]
    public void GradientsDoNotCrossAChunkBoundary()
    {
        var gradWithDetach = SecondChunkGradient(detach: true);
        Assert.Equal(0, gradWithDetach.Narrow(0, 0, 3).Abs().Sum().Item());
        Assert.True(gradWithDetach.Narrow(0, 3, 3).Abs().Sum().Item() > 0);
        // Without detaching, the second chunk's loss does reach the first chunk's steps: the test above can fail.
        Assert.True(SecondChunkGradient(detach: false).Narrow(0, 0, 3).Abs().Sum().Item() > 0);
    }

    /// <summary>∂L/∂x for a loss on the second chunk's outputs only, x [6, 2, 3] in chunks of 3, through a GRU.</summary>
    private static Tensor SecondChunkGradient(bool detach)
    {
        var g = new Generator(751);
        var gru = new GRU(3, 4, dtype: DType.Float64, generator: g);
        var x = Tensor.Randn([6, 2, 3], DType.Float64, g).RequireGrad();
        Tensor? h = null;
        Tensor? loss = null;
        foreach (var (start, chunk) in TruncatedBptt.Chunks(x, 3))
        {
            var (output, next) = gru.Forward(chunk, h);
            if (start == 3) loss = output.Square().Sum();
            h = detach ? TruncatedBptt.Detach(next) : next;
        }
        loss!.Backward();
        return x.Grad!;
    }
}
