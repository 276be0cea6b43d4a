using System.Numerics;

namespace Sharpgrad.Backends.Reference;

/// <summary>
/// Moving one element between two tensors of one dtype, by storage offset: the only step of the indexing loops that
/// depends on the dtype. The loops work out where an element comes from and where it goes (the index arithmetic) and
/// call one of these to move it, so each loop is written once for every dtype.
/// </summary>
internal static class ElementMoves
{
    /// <summary>(at, from) ↦ to[at] = source[from]; any dtype.</summary>
    public static Action<int, int> Copy(Tensor to, Tensor source) => to.DType switch
    {
        DType.Float32 => Copy<float>(to, source),
        DType.Float64 => Copy<double>(to, source),
        DType.Int64 => Copy<long>(to, source),
        _ => Copy<bool>(to, source),
    };

    /// <summary>(at, from) ↦ to[at] += source[from]; float32, float64 or int64.</summary>
    public static Action<int, int> Add(Tensor to, Tensor source) => to.DType switch
    {
        DType.Float32 => Add<float>(to, source),
        DType.Float64 => Add<double>(to, source),
        _ => Add<long>(to, source),
    };

    private static Action<int, int> Copy<T>(Tensor to, Tensor source) where T : unmanaged
    {
        T[] y = to.Data<T>(), x = source.Data<T>();
        return (at, from) => y[at] = x[from];
    }

    private static Action<int, int> Add<T>(Tensor to, Tensor source) where T : unmanaged, INumber<T>
    {
        T[] y = to.Data<T>(), x = source.Data<T>();
        return (at, from) => y[at] += x[from];
    }
}
