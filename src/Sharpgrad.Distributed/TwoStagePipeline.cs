using Sharpgrad.NN;

namespace Sharpgrad.Distributed;

/// <summary>
/// Model parallelism (GBC §12.1.3) as a two-stage pipeline with GPipe's micro-batches (Huang et al. 2019): a model
/// split in two, its first part on rank 0 and its second part, with the loss, on rank 1. Each batch is cut into
/// micro-batches; rank 0 runs the first part on every micro-batch and sends each boundary activation to rank 1 as soon
/// as it is computed, so rank 1 works on micro-batch m while rank 0 computes m + 1. Then the backward passes run in
/// reverse order: rank 1 sends the gradient with respect to each activation back, and rank 0 continues backward from
/// it. The gradients of the micro-batches accumulate in each stage's parameters, each micro-batch's mean loss
/// weighted by its share of the batch, so the gradient is that of the whole batch's mean loss: the same as one process
/// running the whole model, up to the order of floating-point sums. Then each rank steps its own optimiser on its own
/// parameters. Messages: a header (dtype and shape) and the activation (tag 11), the activation's gradient (tag 12).
/// </summary>
public sealed class TwoStagePipeline
{
    private const int ActivationTag = 11, GradientTag = 12, MaxDims = 8;

    /// <param name="stage">this rank's part of the model: the first on rank 0, the second on rank 1</param>
    /// <param name="world">exactly two ranks</param>
    /// <param name="microBatches">how many pieces each batch is cut into (≥ 1)</param>
    public TwoStagePipeline(Module<Tensor, Tensor> stage, Communicator world, int microBatches)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(world);
        if (world.Size != 2)
            throw new ArgumentException($"TwoStagePipeline: a two-stage pipeline runs on exactly 2 ranks, but the world has {world.Size}.", nameof(world));
        if (microBatches < 1)
            throw new ArgumentOutOfRangeException(nameof(microBatches), $"TwoStagePipeline: microBatches must be at least 1, got {microBatches}.");
        Stage = stage;
        World = world;
        MicroBatches = microBatches;
    }

    /// <summary>This rank's part of the model.</summary>
    public Module<Tensor, Tensor> Stage { get; }

    /// <summary>The two ranks: 0 runs the first stage, 1 the second and the loss.</summary>
    public Communicator World { get; }

    /// <summary>How many micro-batches each batch is cut into.</summary>
    public int MicroBatches { get; }

    /// <summary>
    /// One forward and backward pass over a batch, accumulating the gradient of its mean loss into this stage's
    /// parameters. Rank 0 passes the <paramref name="input"/> batch; rank 1 the <paramref name="target"/> batch and the
    /// <paramref name="loss"/> (a mean over its batch). Returns the batch's mean loss on rank 1, null on rank 0.
    /// </summary>
    public double? Backward(Tensor? input = null, Tensor? target = null, Func<Tensor, Tensor, Tensor>? loss = null)
        => World.Rank == 0
            ? FirstStage(input ?? throw new ArgumentNullException(nameof(input), "TwoStagePipeline: rank 0 runs the first stage and needs the input batch."))
            : LastStage(target ?? throw new ArgumentNullException(nameof(target), "TwoStagePipeline: rank 1 computes the loss and needs the target batch."),
                loss ?? throw new ArgumentNullException(nameof(loss), "TwoStagePipeline: rank 1 computes the loss and needs the loss function."));

    private double? FirstStage(Tensor input)
    {
        var outputs = new List<Tensor>();
        foreach (var (start, length) in Pieces(input.Size(0)))
        {
            var activation = Stage.Forward(input.Narrow(0, start, length));
            SendHeader(activation);
            World.Send(activation.Detach(), 1, ActivationTag);
            outputs.Add(activation);
        }
        for (int m = outputs.Count - 1; m >= 0; m--)
        {
            var gradient = Tensor.Zeros(outputs[m].Shape.ToArray(), outputs[m].DType);
            World.Receive(gradient, 1, GradientTag);
            outputs[m].Backward(gradient);
        }
        return null;
    }

    private double? LastStage(Tensor target, Func<Tensor, Tensor, Tensor> loss)
    {
        int n = target.Size(0);
        var received = new List<(Tensor Activation, Tensor Loss)>();
        double total = 0;
        foreach (var (start, length) in Pieces(n))
        {
            var activation = ReceiveActivation();
            if (activation.Size(0) != length)
                throw new InvalidOperationException($"TwoStagePipeline: rank 0 sent a micro-batch of {activation.Size(0)} examples where rank 1's target batch of {n} has {length}; both ranks must pass batches of the same size.");
            var weighted = loss(Stage.Forward(activation), target.Narrow(0, start, length)) * ((double)length / n);
            total += weighted.Item();
            received.Add((activation, weighted));
        }
        for (int m = received.Count - 1; m >= 0; m--)
        {
            received[m].Loss.Backward();
            World.Send(received[m].Activation.Grad!, 0, GradientTag);
        }
        return total;
    }

    /// <summary>The micro-batches of a batch of <paramref name="n"/>: sizes differing by at most one, larger first.</summary>
    private IEnumerable<(int Start, int Length)> Pieces(int n)
    {
        int pieces = Math.Min(MicroBatches, n), start = 0;
        for (int m = 0; m < pieces; m++)
        {
            int length = n / pieces + (m < n % pieces ? 1 : 0);
            yield return (start, length);
            start += length;
        }
    }

    private void SendHeader(Tensor activation)
    {
        if (activation.Rank > MaxDims)
            throw new ArgumentException($"TwoStagePipeline: the boundary activation has {activation.Rank} dims; at most {MaxDims} are supported.");
        var header = new long[MaxDims + 2];
        header[0] = activation.DType == DType.Float64 ? 1 : 0;
        header[1] = activation.Rank;
        for (int d = 0; d < activation.Rank; d++) header[2 + d] = activation.Size(d);
        World.Send<long>(header, 1, ActivationTag);
    }

    private Tensor ReceiveActivation()
    {
        var header = new long[MaxDims + 2];
        World.Receive<long>(header, 0, ActivationTag);
        int[] shape = [.. header.Skip(2).Take((int)header[1]).Select(d => (int)d)];
        var activation = Tensor.Zeros(shape, header[0] == 1 ? DType.Float64 : DType.Float32);
        World.Receive(activation, 0, ActivationTag);
        return activation.RequireGrad();
    }
}
