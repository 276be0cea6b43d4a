namespace Sharpgrad.NN;

/// <summary>Which fan a variance-scaling initialiser keeps constant: inputs (forward signal) or outputs (backward gradient).</summary>
public enum FanMode
{
    FanIn,
    FanOut,
}

/// <summary>The nonlinearity that follows a layer, which sets the gain of its initialisation (<see cref="Init.CalculateGain"/>).</summary>
public enum Nonlinearity
{
    Linear,
    Conv,
    Sigmoid,
    Tanh,
    ReLU,
    LeakyReLU,
    SELU,
}

/// <summary>
/// Parameter initialisers, like torch.nn.init (GBC §8.4, "Parameter Initialization Strategies"). Each one overwrites
/// the tensor's values in place, without recording anything for autograd, and returns the tensor, so a parameter can be
/// initialised after registration: <c>Init.XavierUniform(linear.Weight)</c>. Random ones take an optional
/// <see cref="Generator"/> (default <see cref="Generator.Default"/>) for reproducibility.
/// </summary>
/// <remarks>
/// Fans follow PyTorch: for a weight of shape [out, in, k1, k2, ...], fan_in = in·k1·k2·… and fan_out = out·k1·k2·….
/// The variance-scaling rules keep the variance of activations (fan_in) or of gradients (fan_out) the same from
/// layer to layer: Glorot &amp; Bengio (2010) average the two, He et al. (2015) correct for ReLU's halving with gain √2,
/// LeCun (1998) uses fan_in with gain 1.
/// </remarks>
public static class Init
{
    // ---------------------------------------------------------------- deterministic

    public static Tensor Constant(Tensor tensor, double value)
    {
        using (Autograd.NoGrad()) tensor.Fill(value);
        return tensor;
    }

    public static Tensor Zeros(Tensor tensor) => Constant(tensor, 0);

    public static Tensor Ones(Tensor tensor) => Constant(tensor, 1);

    // ---------------------------------------------------------------- plain distributions

    /// <summary>Values drawn from U(a, b).</summary>
    public static Tensor Uniform(Tensor tensor, double a = 0, double b = 1, Generator? generator = null)
    {
        if (!(a <= b)) throw new ArgumentException($"Init.Uniform: lower bound a ({a}) must not exceed upper bound b ({b}).");
        var u = Tensor.Rand(tensor.Shape, DType.Float64, generator);
        return Assign(tensor, u * (b - a) + a, "Uniform");
    }

    /// <summary>Values drawn from N(mean, std²).</summary>
    public static Tensor Normal(Tensor tensor, double mean = 0, double std = 1, Generator? generator = null)
    {
        if (!(std >= 0)) throw new ArgumentException($"Init.Normal: std must be non-negative, got {std}.");
        var z = Tensor.Randn(tensor.Shape, DType.Float64, generator);
        return Assign(tensor, z * std + mean, "Normal");
    }

    // ---------------------------------------------------------------- variance scaling (GBC §8.4)

    /// <summary>
    /// Glorot/Xavier uniform (GBC eq. 8.23): U(−r, r) with r = gain·√(6 / (fan_in + fan_out)), so Var = gain²·2/(fan_in + fan_out).
    /// </summary>
    public static Tensor XavierUniform(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        var (fanIn, fanOut) = FanInAndFanOut(tensor);
        double std = gain * Math.Sqrt(2.0 / (fanIn + fanOut));
        return UniformWithStd(tensor, std, generator);
    }

    /// <summary>Glorot/Xavier normal: N(0, σ²) with σ = gain·√(2 / (fan_in + fan_out)).</summary>
    public static Tensor XavierNormal(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        var (fanIn, fanOut) = FanInAndFanOut(tensor);
        return Normal(tensor, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), generator);
    }

    /// <summary>
    /// He/Kaiming uniform: U(−r, r) with r = √3·gain/√fan, gain = <see cref="CalculateGain"/>(nonlinearity, a).
    /// The defaults (leaky ReLU with a = 0, i.e. ReLU, fan_in) give Var = 2/fan_in. PyTorch's Linear uses a = √5,
    /// which gives r = 1/√fan_in.
    /// </summary>
    public static Tensor KaimingUniform(Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn,
        Nonlinearity nonlinearity = Nonlinearity.LeakyReLU, Generator? generator = null)
        => UniformWithStd(tensor, KaimingStd(tensor, a, mode, nonlinearity), generator);

    /// <summary>He/Kaiming normal: N(0, σ²) with σ = gain/√fan.</summary>
    public static Tensor KaimingNormal(Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn,
        Nonlinearity nonlinearity = Nonlinearity.LeakyReLU, Generator? generator = null)
        => Normal(tensor, 0, KaimingStd(tensor, a, mode, nonlinearity), generator);

    /// <summary>LeCun uniform: U(−r, r) with r = √(3/fan_in), so Var = 1/fan_in (Kaiming with gain 1).</summary>
    public static Tensor LeCunUniform(Tensor tensor, Generator? generator = null)
        => KaimingUniform(tensor, 0, FanMode.FanIn, Nonlinearity.Linear, generator);

    /// <summary>LeCun normal: N(0, 1/fan_in) (Kaiming with gain 1), the init that SELU networks assume.</summary>
    public static Tensor LeCunNormal(Tensor tensor, Generator? generator = null)
        => KaimingNormal(tensor, 0, FanMode.FanIn, Nonlinearity.Linear, generator);

    private static double KaimingStd(Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity)
    {
        var (fanIn, fanOut) = FanInAndFanOut(tensor);
        int fan = mode == FanMode.FanIn ? fanIn : fanOut;
        if (fan == 0) throw new ArgumentException($"Init.Kaiming: the {mode} of a tensor of shape {tensor.ShapeText} is 0.");
        return CalculateGain(nonlinearity, a) / Math.Sqrt(fan);
    }

    /// <summary>U(−√3σ, √3σ) has standard deviation σ.</summary>
    private static Tensor UniformWithStd(Tensor tensor, double std, Generator? generator)
    {
        double bound = Math.Sqrt(3.0) * std;
        return Uniform(tensor, -bound, bound, generator);
    }

    // ---------------------------------------------------------------- structured

    /// <summary>
    /// A (semi-)orthogonal matrix times <paramref name="gain"/> (Saxe et al. 2013; GBC §8.4): the Q factor of the QR
    /// decomposition of a Gaussian matrix, with R's diagonal made positive so Q is uniformly (Haar) distributed.
    /// Dimensions after the first are flattened; for [rows, cols] with rows ≥ cols the columns are orthonormal
    /// (WᵀW = gain²·I), otherwise the rows are (WWᵀ = gain²·I).
    /// </summary>
    public static Tensor Orthogonal(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        if (tensor.Rank < 2)
            throw new ArgumentException($"Init.Orthogonal: only tensors with 2 or more dimensions are supported, got shape {tensor.ShapeText}.");
        if (tensor.Count == 0) return tensor;
        int rows = tensor.Size(0), cols = tensor.Count / rows;
        var gaussian = Tensor.Randn([rows, cols], DType.Float64, generator);
        // QR of the tall orientation; a wide matrix takes the transpose of Q of its transpose, as PyTorch does.
        var q = rows >= cols ? OrthonormalColumns(gaussian) : OrthonormalColumns(gaussian.T).T;
        return Assign(tensor, (q * gain).Reshape(tensor.Shape), "Orthogonal");
    }

    /// <summary>
    /// The Q of a thin QR decomposition of a tall matrix, by Gram–Schmidt (Trefethen &amp; Bau, Lecture 8): column j loses
    /// its components along the earlier columns and is normalised. Projecting twice ("twice is enough", Giraud et al.
    /// 2005) keeps Q orthogonal to machine precision. Gram–Schmidt's R has a positive diagonal by construction, which
    /// is the sign convention that makes Q Haar-distributed.
    /// </summary>
    private static Tensor OrthonormalColumns(Tensor a)
    {
        int rows = a.Size(0), cols = a.Size(1);
        var q = Tensor.Zeros([rows, cols], DType.Float64);
        for (int j = 0; j < cols; j++)
        {
            var v = a.Select(1, j);
            if (j > 0)
            {
                var previous = q.Narrow(1, 0, j);
                for (int pass = 0; pass < 2; pass++)
                    v = v - previous.MatMul(previous.T.MatMul(v));
            }
            q.Select(1, j).CopyFrom(v / v.Norm());
        }
        return q;
    }

    /// <summary>
    /// Sparse initialisation (Martens 2010; GBC §8.4): in every column of a 2-D tensor, a fraction
    /// <paramref name="sparsity"/> of the entries (rounded up) are zero and the rest are drawn from N(0, std²).
    /// </summary>
    public static Tensor Sparse(Tensor tensor, double sparsity, double std = 0.01, Generator? generator = null)
    {
        if (tensor.Rank != 2)
            throw new ArgumentException($"Init.Sparse: only 2-D tensors are supported, got shape {tensor.ShapeText}.");
        if (!(sparsity >= 0 && sparsity <= 1))
            throw new ArgumentException($"Init.Sparse: sparsity must be in [0, 1], got {sparsity}.");
        int rows = tensor.Size(0), cols = tensor.Size(1);
        int zerosPerColumn = (int)Math.Ceiling(sparsity * rows);
        var values = Tensor.Randn([rows, cols], DType.Float64, generator) * std;
        for (int j = 0; j < cols; j++)
        {
            var zeroRows = Tensor.RandPerm(rows, generator).Narrow(0, 0, zerosPerColumn);
            values.Select(1, j).CopyFrom(values.Select(1, j).Scatter(0, zeroRows, 0.0));
        }
        return Assign(tensor, values, "Sparse");
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>
    /// The recommended gain for a nonlinearity (as torch.nn.init.calculate_gain): 1 for linear/conv/sigmoid, 5/3 for
    /// tanh, √2 for ReLU, √(2/(1 + a²)) for leaky ReLU with negative slope a (default 0.01), 3/4 for SELU.
    /// </summary>
    public static double CalculateGain(Nonlinearity nonlinearity, double? param = null) => nonlinearity switch
    {
        Nonlinearity.Linear or Nonlinearity.Conv or Nonlinearity.Sigmoid => 1,
        Nonlinearity.Tanh => 5.0 / 3,
        Nonlinearity.ReLU => Math.Sqrt(2.0),
        Nonlinearity.LeakyReLU => Math.Sqrt(2.0 / (1 + Math.Pow(param ?? 0.01, 2))),
        Nonlinearity.SELU => 3.0 / 4,
        _ => throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, "Init.CalculateGain: unknown nonlinearity."),
    };

    /// <summary>
    /// (fan_in, fan_out) of a weight [out, in, k1, k2, ...]: in·k1·k2·… and out·k1·k2·…, the number of inputs and
    /// outputs each unit connects to (a convolution's receptive field counts).
    /// </summary>
    public static (int FanIn, int FanOut) FanInAndFanOut(Tensor tensor)
    {
        if (tensor.Rank < 2)
            throw new ArgumentException(
                $"Init: fan in and fan out cannot be computed for a tensor with fewer than 2 dimensions, got shape {tensor.ShapeText}.");
        int receptiveField = 1;
        for (int d = 2; d < tensor.Rank; d++) receptiveField *= tensor.Size(d);
        return (tensor.Size(1) * receptiveField, tensor.Size(0) * receptiveField);
    }

    /// <summary>Writes float64 samples into the tensor (converting to its dtype) without recording the write.</summary>
    private static Tensor Assign(Tensor tensor, Tensor values, string op)
    {
        if (!tensor.DType.IsFloatingPoint())
            throw new ArgumentException($"Init.{op}: the tensor must be float32 or float64, got {tensor.DType.Name()}.");
        using (Autograd.NoGrad()) tensor.CopyFrom(values);
        return tensor;
    }
}
