namespace Sharpgrad.Tests.Convolution;

/// <summary>Small seeded float64 tensors for the convolution, pooling and normalisation tests.</summary>
internal static class Rand
{
    public static Tensor Normal(int seed, params int[] shape) => Tensor.Randn(shape, DType.Float64, new Generator(seed));

    /// <summary>A float64 leaf that requires grad, for GradCheck.</summary>
    public static Tensor Leaf(int seed, params int[] shape) => Normal(seed, shape).RequireGrad();

    /// <summary>⟨a, b⟩ = Σ aᵢbᵢ.</summary>
    public static double Inner(Tensor a, Tensor b) => (a * b).Sum().Item();
}
