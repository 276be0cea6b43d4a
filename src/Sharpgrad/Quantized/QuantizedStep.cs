namespace Sharpgrad.Quantized;

/// <summary>One stage of a <see cref="QuantizedModel"/>: codes in, codes out.</summary>
internal abstract class QuantizedStep(string name)
{
    /// <summary>The float layers it replaces, e.g. "0+1 Conv2d+ReLU (int8)".</summary>
    public string Name { get; } = name;

    public abstract QuantizedTensor Forward(QuantizedTensor x);
}
