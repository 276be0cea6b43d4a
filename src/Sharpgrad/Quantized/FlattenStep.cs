namespace Sharpgrad.Quantized;

/// <summary>Flatten on codes: [N, d₁, d₂, …] → [N, d₁·d₂·…], the same contiguous bytes under a new shape.</summary>
internal sealed class FlattenStep(string name) : QuantizedStep(name)
{
    public override QuantizedTensor Forward(QuantizedTensor x)
        => x.Shape.Length < 2 ? x : x.Reshape([x.Shape[0], ShapeUtil.Count(x.Shape.AsSpan(1))]);
}
