namespace Sharpgrad.Data;

/// <summary>
/// A preprocessing or data-augmentation step (GBC §7.4, §12.2.1), applied to one sample or to a batch of samples
/// with a leading sample dim: <c>var x2 = new RandomHorizontalFlip().Apply(x, generator)</c>. Steps chain with
/// <see cref="Compose"/> and attach to a dataset with <see cref="TransformedDataset"/>.
/// Random steps draw everything they need from the <see cref="Generator"/> they are given, one image after
/// another, so the same generator state gives the same output; deterministic steps ignore it. The output is a
/// new tensor: the input is never changed.
/// </summary>
public abstract class Transform
{
    /// <summary>
    /// Applies the step to <paramref name="input"/>. Random steps draw from <paramref name="generator"/>, or from
    /// <see cref="Generator.Default"/> when none is given (PyTorch's transforms use its global generator).
    /// </summary>
    public Tensor Apply(Tensor input, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ApplyCore(input, generator ?? Generator.Default);
    }

    /// <summary>The step itself; <paramref name="input"/> is not null.</summary>
    protected abstract Tensor ApplyCore(Tensor input, Generator generator);
}
