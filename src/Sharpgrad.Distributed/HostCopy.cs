using System.Runtime.InteropServices;

namespace Sharpgrad.Distributed;

/// <summary>
/// Moves a tensor's elements to a host array MPI can read and back, through the core's public API only
/// (<see cref="Tensor.ToArray{T}"/>, <see cref="Tensor.FromArray{T}"/>, <see cref="Tensor.CopyFrom"/>). Each direction
/// is one copy; a zero-copy path would need the core to expose a tensor's host memory (see the design notes).
/// </summary>
internal static class HostCopy
{
    /// <summary>The tensor's elements in row-major order, as float[], double[] or long[].</summary>
    public static Array Download(Tensor tensor, string op) => MpiElements.Of(tensor.DType, op) switch
    {
        MpiElement.Float32 => tensor.ToArray<float>(),
        MpiElement.Float64 => tensor.ToArray<double>(),
        _ => tensor.ToArray<long>(),
    };

    /// <summary>A new array of <paramref name="count"/> elements of the tensor's element type.</summary>
    public static Array Allocate(Tensor like, int count, string op) => MpiElements.Of(like.DType, op) switch
    {
        MpiElement.Float32 => new float[count],
        MpiElement.Float64 => new double[count],
        _ => new long[count],
    };

    /// <summary>A tensor of the given shape over a copy of <paramref name="values"/>; an empty shape is a 0-d tensor.</summary>
    public static Tensor ToTensor(Array values, int[] shape) => (values switch
    {
        float[] f => Tensor.FromArray(f),
        double[] d => Tensor.FromArray(d),
        _ => Tensor.FromArray((long[])values),
    }).Reshape(shape); // FromArray alone reads an empty shape as 1-D

    /// <summary>Writes <paramref name="values"/> into <paramref name="target"/> in place, also when it is a parameter.</summary>
    public static void Upload(Array values, Tensor target)
    {
        var source = ToTensor(values, target.Shape);
        using (Autograd.NoGrad()) target.CopyFrom(source);
    }

    /// <summary>The array's elements as bytes, for the element-type-neutral MPI calls.</summary>
    public static Span<byte> Bytes(Array values)
        => MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(values), checked(values.Length * ElementSize(values)));

    private static int ElementSize(Array values) => values is float[] ? sizeof(float) : sizeof(double);
}
