using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// A convolution's weights W [O, C/G, K...] packed ahead for <see cref="GemmConvolution.Forward"/>: each group's block
/// [O/G, (C/G)·K] as the GEMM's left operand (<see cref="GemmPackedA{T}"/>). The forward pass otherwise packs the block
/// again for every tile of every image; at inference the weights do not change between calls, so the CPU backend keeps
/// one of these per weight storage and version (Backends/Cpu/CpuPackedConvWeights.cs). Packing changes no value and no
/// order of summation, so the output is bitwise that of the unpacked call.
/// <para>Or, <see cref="Transposed"/>, each group's Wᵀ [(C/G)·K, O/G], the left operand of
/// <see cref="GemmConvolution.Adjoint"/>'s products, packed once per call for all its tiles.</para>
/// <para>A pack made for one call rents its arrays (<c>rent</c>, exact lengths: BufferPool.Shared) and hands them back
/// with <see cref="Release"/> once the call's last product has read them: VGG-11's would otherwise be 2 × 37 MB of fresh
/// large-object arrays per training step.</para>
/// </summary>
internal sealed class PackedConvWeights<T> where T : unmanaged, INumber<T>
{
    private readonly GemmPackedA<T>[] groups;

    /// <param name="rent">gives each group's array, of exactly the length asked for (contents unspecified); null allocates them</param>
    public PackedConvWeights(ConvGroupPlan plan, T[] w, int wOffset, Func<int, T[]>? rent = null) : this(plan, w, wOffset, transposed: false, rent)
    {
    }

    private PackedConvWeights(ConvGroupPlan plan, T[] w, int wOffset, bool transposed, Func<int, T[]>? rent)
    {
        Offset = wOffset;
        GroupOutChannels = plan.GroupOutChannels;
        GroupRows = plan.GroupRows;
        Transposed = transposed;
        groups = new GemmPackedA<T>[plan.Groups];
        for (int g = 0; g < groups.Length; g++)
        {
            int at = wOffset + g * GroupOutChannels * GroupRows;
            groups[g] = transposed
                ? GemmPackedA<T>.Pack(GroupRows, GroupOutChannels, new Gemm.Operand<T>(w, at, 1, GroupRows), rent)
                : GemmPackedA<T>.Pack(GroupOutChannels, GroupRows, new Gemm.Operand<T>(w, at, GroupRows, 1), rent);
        }
    }

    /// <summary>Each group's Wᵀ [(C/G)·K, O/G] packed, for the adjoint's products.</summary>
    public static PackedConvWeights<T> ForAdjoint(ConvGroupPlan plan, T[] w, int wOffset, Func<int, T[]>? rent = null)
        => new(plan, w, wOffset, transposed: true, rent);

    /// <summary>
    /// Ends the packs' life and hands each group's array to <paramref name="giveBack"/>; the caller promises that no product
    /// still reads them (a later one is an error).
    /// </summary>
    public void Release(Action<T[]> giveBack)
    {
        foreach (var group in groups)
            if (group.Release() is { } array) giveBack(array);
    }

    /// <summary>Whether the groups hold Wᵀ (the adjoint's operand) rather than W.</summary>
    public bool Transposed { get; }

    /// <summary>Where the weights start in their array.</summary>
    public int Offset { get; }

    public int GroupOutChannels { get; }
    public int GroupRows { get; }

    /// <summary>Whether these are the weights at <paramref name="wOffset"/> laid out as <paramref name="plan"/> reads them, packed for the path the GEMM runs now.</summary>
    public bool Fits(ConvGroupPlan plan, int wOffset)
        => !Transposed && wOffset == Offset && plan.Groups == groups.Length && plan.GroupOutChannels == GroupOutChannels && plan.GroupRows == GroupRows
           && (groups.Length == 0 || groups[0].Path == SimdPaths.Selected || typeof(T) != typeof(float) && typeof(T) != typeof(double));

    /// <summary>Group <paramref name="g"/>'s block [O/G, (C/G)·K] (its transpose when <see cref="Transposed"/>), packed.</summary>
    public GemmPackedA<T> Group(int g) => groups[g];
}
