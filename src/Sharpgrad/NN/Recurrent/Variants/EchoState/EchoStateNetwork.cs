namespace Sharpgrad.NN;

/// <summary>
/// An echo state network (GBC §10.8; Jaeger 2001, with the leaky update of Jaeger et al. 2007 and the conventions of
/// Lukoševičius 2012, "A practical guide to applying echo state networks"). Only the readout is learned:
/// <list type="bullet">
/// <item>the reservoir W [n, n] is fixed and random (entries U(−1, 1), each kept with probability <c>density</c>), then
/// rescaled so that its spectral radius is exactly <c>spectralRadius</c> (computed by <see cref="SpectralRadius"/>, the
/// QR algorithm): near 1 the reservoir remembers long, above 1 it may lose the echo state property;</item>
/// <item>the input weights W_in [n, 1 + in] are fixed, U(−s, s) with s the <c>inputScaling</c>; column 0 multiplies a
/// constant 1 (the bias);</item>
/// <item>the state update is x̃_t = tanh(W_in [1; u_t] + W x_{t−1}), x_t = (1 − a) x_{t−1} + a x̃_t with leak rate a
/// (a = 1 is Jaeger's original network; a leaky unit as in GBC §10.9.2 with α = 1 − a);</item>
/// <item>the readout y_t = W_out [1; u_t; x_t] is ridge regression on the states after a washout, in closed form:
/// W_outᵀ = (XᵀX + βI)⁻¹ XᵀY (GBC eq. 5.12 with weight decay, §7.1.1), solved by <c>Linalg.Solve</c>. The bias column
/// is penalised too, as in Lukoševičius' guide.</item>
/// </list>
/// Everything is float64: the readout is a least-squares solve on reservoir states that are nearly collinear.
/// </summary>
public sealed class EchoStateNetwork
{
    public int InputSize { get; }
    public int ReservoirSize { get; }
    public double LeakRate { get; }

    /// <summary>W_in [n, 1 + in], column 0 the bias.</summary>
    public Tensor InputWeight { get; }

    /// <summary>W [n, n], with spectral radius exactly the one asked for.</summary>
    public Tensor ReservoirWeight { get; }

    /// <summary>W_out [out, 1 + in + n] after <see cref="Fit"/>; null before.</summary>
    public Tensor? ReadoutWeight { get; private set; }

    public EchoStateNetwork(int inputSize, int reservoirSize, double spectralRadius = 0.9, double inputScaling = 1, double leakRate = 1,
        double density = 1, Generator? generator = null)
    {
        if (inputSize < 1 || reservoirSize < 1)
            throw new ArgumentException($"EchoStateNetwork: inputSize and reservoirSize must be positive, got {inputSize} and {reservoirSize}.");
        if (!(spectralRadius > 0) || !double.IsFinite(spectralRadius))
            throw new ArgumentException($"EchoStateNetwork: spectralRadius must be positive and finite, got {spectralRadius}.", nameof(spectralRadius));
        if (!(inputScaling >= 0) || !double.IsFinite(inputScaling))
            throw new ArgumentException($"EchoStateNetwork: inputScaling must be non-negative and finite, got {inputScaling}.", nameof(inputScaling));
        if (leakRate is not (> 0 and <= 1))
            throw new ArgumentException($"EchoStateNetwork: leakRate must lie in (0, 1], got {leakRate}.", nameof(leakRate));
        if (density is not (> 0 and <= 1))
            throw new ArgumentException($"EchoStateNetwork: density must lie in (0, 1], got {density}.", nameof(density));
        generator ??= Generator.Default;
        (InputSize, ReservoirSize, LeakRate) = (inputSize, reservoirSize, leakRate);
        InputWeight = Tensor.Rand([reservoirSize, 1 + inputSize], DType.Float64, generator) * (2 * inputScaling) - inputScaling;
        var reservoir = Tensor.Rand([reservoirSize, reservoirSize], DType.Float64, generator) * 2 - 1;
        if (density < 1) reservoir *= Tensor.Rand([reservoirSize, reservoirSize], DType.Float64, generator).Lt(density).To(DType.Float64);
        double radius = SpectralRadius.Of(reservoir);
        if (radius == 0)
            throw new InvalidOperationException($"EchoStateNetwork: the random reservoir of size {reservoirSize} at density {density} is nilpotent (spectral radius 0); raise the density.");
        ReservoirWeight = reservoir * (spectralRadius / radius);
    }

    /// <summary>The states x_0 … x_{T−1} [T, n] driven by <paramref name="inputs"/> [T, in] from <paramref name="x0"/> (zeros).</summary>
    public Tensor Harvest(Tensor inputs, Tensor? x0 = null)
    {
        CheckInputs(inputs);
        using var noGrad = Autograd.NoGrad();
        var driven = Functional.Linear(inputs.To(DType.Float64), InputWeight.Narrow(1, 1, InputSize), InputWeight.Select(1, 0));
        var x = x0 ?? Tensor.Zeros([ReservoirSize], DType.Float64);
        var states = new List<Tensor>(inputs.Size(0));
        for (int t = 0; t < inputs.Size(0); t++)
        {
            var candidate = (driven[t] + ReservoirWeight.MatMul(x)).Tanh();
            x = LeakRate == 1 ? candidate : x + LeakRate * (candidate - x);
            states.Add(x);
        }
        return Tensor.Stack(states);
    }

    /// <summary>The readout's regressors [1; u_t; x_t] as rows [T, 1 + in + n].</summary>
    public Tensor Features(Tensor inputs, Tensor states) =>
        Tensor.Cat([Tensor.Ones([inputs.Size(0), 1], DType.Float64), inputs.To(DType.Float64), states], 1);

    /// <summary>
    /// Drives the reservoir with <paramref name="inputs"/> [T, in] from zeros, drops the first <paramref name="washout"/>
    /// steps (the transient of the initial state), and fits W_out to <paramref name="targets"/> [T, out] by ridge
    /// regression with penalty <paramref name="ridge"/>. Returns the states [T, n] it harvested.
    /// </summary>
    public Tensor Fit(Tensor inputs, Tensor targets, int washout, double ridge = 1e-8)
    {
        CheckInputs(inputs);
        if (targets.Rank != 2 || targets.Size(0) != inputs.Size(0))
            throw new ArgumentException($"EchoStateNetwork.Fit: targets must be [T, out] with T = {inputs.Size(0)} rows like the inputs, got shape {targets.Shape}.");
        if (washout < 0 || washout >= inputs.Size(0))
            throw new ArgumentException($"EchoStateNetwork.Fit: washout must lie in [0, T) for T = {inputs.Size(0)} steps, got {washout}.", nameof(washout));
        var states = Harvest(inputs);
        int kept = inputs.Size(0) - washout;
        var features = Features(inputs, states).Narrow(0, washout, kept);
        ReadoutWeight = RidgeReadout(features, targets.To(DType.Float64).Narrow(0, washout, kept), ridge);
        return states;
    }

    /// <summary>W_out [out, p] minimising ‖X W_outᵀ − Y‖² + β‖W_out‖², from X [T, p] and Y [T, out].</summary>
    public static Tensor RidgeReadout(Tensor features, Tensor targets, double ridge)
    {
        if (!(ridge >= 0) || !double.IsFinite(ridge))
            throw new ArgumentException($"EchoStateNetwork: ridge must be non-negative and finite, got {ridge}.", nameof(ridge));
        using var noGrad = Autograd.NoGrad();
        var gram = features.T.MatMul(features) + ridge * Tensor.Eye(features.Size(1), dtype: DType.Float64);
        return Linalg.Solve(gram, features.T.MatMul(targets)).T.Contiguous();
    }

    /// <summary>y_t for every step of <paramref name="inputs"/> [T, in] driven from zeros (washout steps included): [T, out].</summary>
    public Tensor Predict(Tensor inputs)
    {
        var readout = ReadoutWeight ?? throw new InvalidOperationException("EchoStateNetwork.Predict: call Fit first; the readout is not trained.");
        using var noGrad = Autograd.NoGrad();
        return Features(inputs, Harvest(inputs)).MatMul(readout.T);
    }

    private void CheckInputs(Tensor inputs)
    {
        if (inputs.Rank != 2 || inputs.Size(1) != InputSize)
            throw new ArgumentException($"EchoStateNetwork: inputs must be [T, {InputSize}], got shape {inputs.Shape}.");
        if (!inputs.DType.IsFloatingPoint())
            throw new ArgumentException($"EchoStateNetwork: inputs must be float, got {inputs.DType.Name()}.");
    }
}
