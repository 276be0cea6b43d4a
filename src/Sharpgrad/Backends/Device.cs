using Sharpgrad.Backends;
using Sharpgrad.Backends.Cpu;
using Sharpgrad.Backends.Reference;

namespace Sharpgrad;

/// <summary>
/// Where a tensor's elements live, and so which backend computes on them (docs/design.md, "Backends").
/// <see cref="Cpu"/> is the fast backend: SIMD kernels on a thread pool. <see cref="Reference"/> computes the same
/// results with plain scalar loops, written to be read; it is the oracle of the conformance tests and shows what a
/// third backend (a GPU one) would have to implement. Tensors move between devices with <see cref="Tensor.To(Device)"/>;
/// an op given tensors on two devices is an error, except for 0-d tensors (scalars), which follow the others, as in
/// PyTorch.
/// </summary>
/// <example>
/// <code>
/// var x = Tensor.Randn(3, 4).To(Device.Reference);
/// using (Device.Use(Device.Reference)) { var y = Tensor.Ones(3, 4) + x; }   // new tensors default to the reference device
/// </code>
/// </example>
public sealed class Device
{
    private static readonly AsyncLocal<Device?> scoped = new();

    /// <summary>The CPU, computed by the SIMD, multithreaded kernels.</summary>
    public static Device Cpu { get; } = new("cpu", static d => new CpuBackend(d));

    /// <summary>The CPU, computed by the scalar, single-threaded reference loops.</summary>
    public static Device Reference { get; } = new("reference", static d => new ReferenceBackend(d));

    private Device(string name, Func<Device, Backend> backend)
    {
        Name = name;
        Backend = backend(this);
    }

    /// <summary>The name used in messages and by <see cref="Parse"/>: "cpu" or "reference".</summary>
    public string Name { get; }

    internal Backend Backend { get; }

    /// <summary>The device on which tensors are created: the innermost <see cref="Use"/> scope's, else <see cref="Cpu"/>.</summary>
    public static Device Default => scoped.Value ?? Cpu;

    /// <summary>
    /// Creates new tensors on <paramref name="device"/> in the calling code (and what it awaits) until the scope is
    /// disposed. Ops on existing tensors compute on those tensors' device whatever the scope.
    /// </summary>
    public static IDisposable Use(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new Scope(device);
    }

    /// <summary>The device named <paramref name="name"/> ("cpu" or "reference", any case).</summary>
    public static Device Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "cpu" => Cpu,
        "reference" => Reference,
        _ => throw new ArgumentException($"Device: unknown device '{name}'; expected cpu or reference."),
    };

    public override string ToString() => Name;

    /// <summary>
    /// The device an op on <paramref name="tensors"/> computes on: theirs when they agree. A 0-d tensor (a scalar, such
    /// as the constant of <c>x * 2</c>) follows the others, as in PyTorch; two tensors of higher rank on different
    /// devices are an error naming the op.
    /// </summary>
    internal static Device Of(string op, params ReadOnlySpan<Tensor> tensors)
    {
        Device? found = null;
        foreach (var t in tensors)
        {
            if (t.Rank == 0 || t.Device == found) continue;
            if (found is not null)
                throw new InvalidOperationException($"{op}: expected all tensors on one device, got {found} and {t.Device}; move them with To(device).");
            found = t.Device;
        }
        return found ?? tensors[0].Device;
    }

    /// <summary>The device of a binary op's operands: the common case, same device, without the loop (measured per op).</summary>
    internal static Device Of(string op, Tensor a, Tensor b) => a.Device == b.Device ? a.Device : Of(op, [a, b]);

    private sealed class Scope : IDisposable
    {
        private readonly Device? outer = scoped.Value;
        private bool disposed;

        public Scope(Device device) => scoped.Value = device;

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            scoped.Value = outer;
        }
    }
}
