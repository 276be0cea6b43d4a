using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// A convolution's weights W [O, C/G, K...] packed ahead for <see cref="GemmConvolution.Forward"/>: each group's block
/// [O/G, (C/G)·K] as the GEMM's left operand (<see cref="GemmPackedA{T}"/>). The forward pass otherwise packs the block
/// again for every tile of every image; at inference the weights do not change between calls, so the CPU backend keeps
/// one of these per weight storage and version (Backends/Cpu/CpuPackedConvWeights.cs). Packing changes no value and no
/// order of summation, so the output is bitwise that of the unpacked call.
/// <para>Or, where the plan multiplies the transposed product (<see cref="GemmConvPlan.TransposedProduct"/>:
/// yᵀ = colsᵀ·Wᵀ), each group's Wᵀ [(C/G)·K, O/G] as the GEMM's right operand (<see cref="GemmPackedB{T}"/>,
/// <see cref="AsRightOperand"/>).</para>
/// <para>Or, <see cref="Transposed"/>, each group's Wᵀ [(C/G)·K, O/G], the left operand of
/// <see cref="GemmConvolution.Adjoint"/>'s products, packed once per call for all its tiles.</para>
/// <para>A pack made for one call rents its arrays (<c>rent</c>, exact lengths: BufferPool.Shared) and hands them back
/// with <see cref="Release"/> once the call's last product has read them: VGG-11's would otherwise be 2 × 37 MB of fresh
/// large-object arrays per training step.</para>
/// </summary>
internal sealed class PackedConvWeights<T> where T : unmanaged, INumber<T>
{
    private readonly GemmPackedA<T>[] groups;
    private readonly GemmPackedB<T>[] rightGroups;

    /// <summary>W packed for <paramref name="plan"/>'s forward products: as their left operand, or their right one where the plan multiplies the transposed product.</summary>
    /// <param name="rent">gives each group's array, of exactly the length asked for (contents unspecified); null allocates them</param>
    public PackedConvWeights(GemmConvPlan plan, T[] w, int wOffset, Func<int, T[]>? rent = null)
        : this(plan, w, wOffset, transposed: false, plan.TransposedProduct, rent)
    {
    }

    private PackedConvWeights(ConvGroupPlan plan, T[] w, int wOffset, bool transposed, bool asRightOperand, Func<int, T[]>? rent)
    {
        Offset = wOffset;
        GroupOutChannels = plan.GroupOutChannels;
        GroupRows = plan.GroupRows;
        Transposed = transposed;
        AsRightOperand = asRightOperand;
        groups = new GemmPackedA<T>[asRightOperand ? 0 : plan.Groups];
        rightGroups = new GemmPackedB<T>[asRightOperand ? plan.Groups : 0];
        for (int g = 0; g < plan.Groups; g++)
        {
            int at = wOffset + g * GroupOutChannels * GroupRows;
            var wT = new Gemm.Operand<T>(w, at, 1, GroupRows);   // Wᵀ [(C/G)·K, O/G], read in place
            if (asRightOperand) rightGroups[g] = GemmPackedB<T>.Pack(GroupRows, GroupOutChannels, wT, rent);
            else groups[g] = transposed
                ? GemmPackedA<T>.Pack(GroupRows, GroupOutChannels, wT, rent)
                : GemmPackedA<T>.Pack(GroupOutChannels, GroupRows, new Gemm.Operand<T>(w, at, GroupRows, 1), rent);
        }
    }

    /// <summary>Each group's Wᵀ [(C/G)·K, O/G] packed, for the adjoint's products.</summary>
    public static PackedConvWeights<T> ForAdjoint(ConvGroupPlan plan, T[] w, int wOffset, Func<int, T[]>? rent = null)
        => new(plan, w, wOffset, transposed: true, asRightOperand: false, rent);

    /// <summary>
    /// Ends the packs' life and hands each group's array to <paramref name="giveBack"/>; the caller promises that no product
    /// still reads them (a later one is an error).
    /// </summary>
    public void Release(Action<T[]> giveBack)
    {
        foreach (var group in groups)
            if (group.Release() is { } array) giveBack(array);
        foreach (var group in rightGroups)
            if (group.Release() is { } array) giveBack(array);
    }

    /// <summary>Whether the groups hold Wᵀ (the adjoint's operand) rather than W.</summary>
    public bool Transposed { get; }

    /// <summary>Whether the groups hold Wᵀ as the right operand of the transposed product (<see cref="RightGroup"/>) rather than W as the left one.</summary>
    public bool AsRightOperand { get; }

    /// <summary>Where the weights start in their array.</summary>
    public int Offset { get; }

    public int GroupOutChannels { get; }
    public int GroupRows { get; }

    /// <summary>Whether these are the weights at <paramref name="wOffset"/> laid out as <paramref name="plan"/> reads them, packed for the path the GEMM runs now.</summary>
    public bool Fits(GemmConvPlan plan, int wOffset)
        => !Transposed && AsRightOperand == plan.TransposedProduct && wOffset == Offset && plan.Groups == groups.Length + rightGroups.Length
           && plan.GroupOutChannels == GroupOutChannels && plan.GroupRows == GroupRows
           && (plan.Groups == 0 || Path == SimdPaths.Selected || typeof(T) != typeof(float) && typeof(T) != typeof(double));

    private SimdPath Path => AsRightOperand ? rightGroups[0].Path : groups[0].Path;

    /// <summary>Group <paramref name="g"/>'s block [O/G, (C/G)·K] (its transpose when <see cref="Transposed"/>), packed as a left operand.</summary>
    public GemmPackedA<T> Group(int g) => AsRightOperand
        ? throw new InvalidOperationException($"PackedConvWeights: the weights are packed as the transposed product's right operand, not as a left one (group {g}).")
        : groups[g];

    /// <summary>Group <paramref name="g"/>'s Wᵀ [(C/G)·K, O/G] packed as the right operand of the transposed product.</summary>
    public GemmPackedB<T> RightGroup(int g) => AsRightOperand
        ? rightGroups[g]
        : throw new InvalidOperationException($"PackedConvWeights: the weights are packed as a left operand, not as the transposed product's right one (group {g}).");
}
