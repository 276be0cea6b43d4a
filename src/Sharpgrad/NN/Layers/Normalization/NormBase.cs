namespace Sharpgrad.NN;

/// <summary>
/// What batch and instance normalisation share (PyTorch's _NormBase): a learned per-channel scale γ ("weight", ones)
/// and shift β ("bias", zeros) when affine, and three buffers saved with the model when running statistics are
/// tracked: "running_mean" (zeros), "running_var" (ones) and "num_batches_tracked" (an int64 count of training
/// batches). <see cref="BatchNormNd"/> and <see cref="InstanceNormNd"/> derive from it, so a filter such as
/// <c>m is BatchNormNd</c> (to freeze batch statistics, say) does not catch instance norm, as in PyTorch.
/// </summary>
public abstract class NormBase : Module<Tensor, Tensor>
{
    private readonly string name;
    private readonly int[] ranks;
    private readonly string layout;

    private protected NormBase(string name, int[] ranks, string layout, int numFeatures, double eps, double? momentum, bool affine,
        bool trackRunningStats, DType dtype)
    {
        this.name = name;
        this.ranks = ranks;
        this.layout = layout;
        if (numFeatures < 1) throw new ArgumentException($"{name}: the number of features (channels) must be positive, got {numFeatures}.");
        if (!(eps > 0)) throw new ArgumentException($"{name}: eps must be positive, got {eps}.");
        if (momentum is { } m && !(m >= 0 && m <= 1)) throw new ArgumentException($"{name}: momentum must be in [0, 1] or null, got {m}.");
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"{name}: dtype must be float32 or float64, got {dtype.Name()}.");
        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones([numFeatures], dtype));
            Bias = RegisterParameter("bias", Tensor.Zeros([numFeatures], dtype));
        }
        if (trackRunningStats)
        {
            RunningMean = RegisterBuffer("running_mean", Tensor.Zeros([numFeatures], dtype));
            RunningVar = RegisterBuffer("running_var", Tensor.Ones([numFeatures], dtype));
            NumBatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Zeros([], DType.Int64));
        }
    }

    public int NumFeatures { get; }
    public double Eps { get; }

    /// <summary>The weight of the newest batch in the running statistics; null for a cumulative average.</summary>
    public double? Momentum { get; }

    /// <summary>γ, [C]; null without affine.</summary>
    public Tensor? Weight { get; }

    /// <summary>β, [C]; null without affine.</summary>
    public Tensor? Bias { get; }

    /// <summary>[C]; null when running statistics are not tracked (then evaluation uses batch statistics too).</summary>
    public Tensor? RunningMean { get; }

    /// <summary>[C], the running unbiased variance.</summary>
    public Tensor? RunningVar { get; }

    /// <summary>A 0-d int64 count of the training batches seen.</summary>
    public Tensor? NumBatchesTracked { get; }


    /// <summary>Checks the input's layout and channels; in training, counts the batch and returns the running-statistics factor.</summary>
    protected double CheckAndCount(Tensor input)
    {
        if (!ranks.Contains(input.Rank))
            throw new ArgumentException($"{name}: expected a {layout} input, got shape {input.ShapeText}.");
        if (input.Size(1) != NumFeatures)
            throw new ArgumentException($"{name}: expected {NumFeatures} channels (dim 1), got input of shape {input.ShapeText}.");
        double factor = Momentum ?? 0;
        if (IsTraining && NumBatchesTracked is not null)
        {
            using (Autograd.NoGrad()) NumBatchesTracked.CopyFrom(NumBatchesTracked + 1);
            factor = Momentum ?? 1.0 / NumBatchesTracked.Item();
        }
        return factor;
    }

    protected override string ExtraRepr() =>
        $"{NumFeatures}, eps={PyRepr.Number(Eps)}, momentum={(Momentum is { } m ? PyRepr.Number(m) : "None")}, " +
        $"affine={PyRepr.Bool(Weight is not null)}, track_running_stats={PyRepr.Bool(RunningMean is not null)}";
}
