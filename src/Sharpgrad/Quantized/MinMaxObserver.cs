namespace Sharpgrad.Quantized;

/// <summary>
/// Records the smallest and largest value a tensor takes over the calibration batches (PyTorch's MinMaxObserver), from
/// which <see cref="QuantParams.FromRange"/> derives its scale and zero point. Static quantisation fixes these before
/// inference, so no range is measured at run time (GBC §12.1.6).
/// </summary>
public sealed class MinMaxObserver
{
    /// <summary>Where the observed tensor sits in the model, for messages ("input", "0 (Conv2d)").</summary>
    public string Name { get; }

    public float Min { get; private set; } = float.PositiveInfinity;
    public float Max { get; private set; } = float.NegativeInfinity;

    /// <summary>Whether any value has been observed.</summary>
    public bool HasObserved => Min <= Max;

    public MinMaxObserver(string name) => Name = name;

    public void Observe(Tensor x)
    {
        if (x.Count == 0) return;
        float min = x.Min().To(DType.Float32).Item<float>(), max = x.Max().To(DType.Float32).Item<float>();
        if (!float.IsFinite(min) || !float.IsFinite(max))
            throw new ArgumentException($"Quantization: calibration saw a non-finite value at {Name} (range [{min}, {max}]); the float model produces NaN or infinity on this batch.");
        Min = Math.Min(Min, min);
        Max = Math.Max(Max, max);
    }

    /// <summary>The activation quantisation of everything observed; fails if calibration never reached this point.</summary>
    public QuantParams Params() => HasObserved
        ? QuantParams.FromRange(Min, Max)
        : throw new InvalidOperationException($"Quantization.Convert: no calibration data reached {Name}; run the prepared model on a few batches (prepared.Forward(x)) before Convert.");
}
