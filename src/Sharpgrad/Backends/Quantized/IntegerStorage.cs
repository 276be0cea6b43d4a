namespace Sharpgrad.Backends;

/// <summary>
/// A flat buffer of integers (<see cref="IntegerKind"/>) on one device: the codes of a quantised tensor or the int32
/// sums of an int8 matrix product. Like <see cref="Storage"/> it is made by its device's backend
/// (<see cref="Backend.AllocateIntegers"/>) and only the backend reads or writes its elements. It is kept apart from
/// the float tensors on purpose: quantised values are an inference-only format with their own scale and zero point,
/// and no autograd op accepts them.
/// </summary>
internal abstract class IntegerStorage(IntegerKind kind, int length, Device device)
{
    public IntegerKind Kind { get; } = kind;
    public int Length { get; } = length;
    public Device Device { get; } = device;
}

/// <summary>Integers in a managed array in this process's memory (the cpu and reference backends).</summary>
internal sealed class HostIntegerStorage<T>(IntegerKind kind, T[] data, Device device) : IntegerStorage(kind, data.Length, device)
    where T : unmanaged
{
    public readonly T[] Data = data;
}
