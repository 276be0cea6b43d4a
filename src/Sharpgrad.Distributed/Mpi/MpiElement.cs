namespace Sharpgrad.Distributed;

/// <summary>The element types a communicator moves, each mapped to one of MPI's predefined datatypes.</summary>
internal enum MpiElement
{
    Float32,
    Float64,
    Int64,
}

internal static class MpiElements
{
    /// <summary>The element type of <typeparamref name="T"/>; float, double and long are the types tensors hold.</summary>
    public static MpiElement Of<T>(string op) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return MpiElement.Float32;
        if (typeof(T) == typeof(double)) return MpiElement.Float64;
        if (typeof(T) == typeof(long)) return MpiElement.Int64;
        throw new NotSupportedException($"{op}: elements of type {typeof(T).Name} cannot be communicated; use float, double or long (float32, float64, int64 tensors).");
    }

    /// <summary>The element type of a tensor's dtype; bool tensors are not communicated.</summary>
    public static MpiElement Of(DType dtype, string op) => dtype switch
    {
        DType.Float32 => MpiElement.Float32,
        DType.Float64 => MpiElement.Float64,
        DType.Int64 => MpiElement.Int64,
        _ => throw new NotSupportedException($"{op}: a {dtype.Name()} tensor cannot be communicated; use float32, float64 or int64 (convert with To(dtype))."),
    };

    public static int Size(this MpiElement element) => element == MpiElement.Float32 ? 4 : 8;
}
