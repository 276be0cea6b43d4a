namespace Sharpgrad.NN;

/// <summary>
/// The initialisation the unshared layers share with <see cref="ConvNd"/>: U(±1/√fan_in) for weight and bias, with
/// fan_in = in·kH·kW the size of one receptive field. Their weights have extra position or tile dims, which
/// <see cref="Init.FanInAndFanOut"/> would wrongly count as part of the receptive field.
/// </summary>
internal static class LocalInit
{
    public static void Uniform(Tensor weight, Tensor? bias, int fanIn, Generator? generator)
    {
        double bound = 1 / Math.Sqrt(fanIn);
        Init.Uniform(weight, -bound, bound, generator);
        if (bias is not null) Init.Uniform(bias, -bound, bound, generator);
    }
}
