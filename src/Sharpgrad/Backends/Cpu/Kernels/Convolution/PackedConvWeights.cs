using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// A convolution's weights W [O, C/G, K...] packed ahead for <see cref="GemmConvolution.Forward"/>: each group's block
/// [O/G, (C/G)·K] as the GEMM's left operand (<see cref="GemmPackedA{T}"/>). The forward pass otherwise packs the block
/// again for every tile of every image; at inference the weights do not change between calls, so the CPU backend keeps
/// one of these per weight storage and version (Backends/Cpu/CpuPackedConvWeights.cs). Packing changes no value and no
/// order of summation, so the output is bitwise that of the unpacked call.
/// </summary>
internal sealed class PackedConvWeights<T> where T : unmanaged, INumber<T>
{
    private readonly GemmPackedA<T>[] groups;

    public PackedConvWeights(ConvGroupPlan plan, T[] w, int wOffset)
    {
        Offset = wOffset;
        GroupOutChannels = plan.GroupOutChannels;
        GroupRows = plan.GroupRows;
        groups = new GemmPackedA<T>[plan.Groups];
        for (int g = 0; g < groups.Length; g++)
            groups[g] = GemmPackedA<T>.Pack(GroupOutChannels, GroupRows, new Gemm.Operand<T>(w, wOffset + g * GroupOutChannels * GroupRows, GroupRows, 1));
    }

    /// <summary>Where the weights start in their array.</summary>
    public int Offset { get; }

    public int GroupOutChannels { get; }
    public int GroupRows { get; }

    /// <summary>Whether these are the weights at <paramref name="wOffset"/> laid out as <paramref name="plan"/> reads them, packed for the path the GEMM runs now.</summary>
    public bool Fits(ConvGroupPlan plan, int wOffset)
        => wOffset == Offset && plan.Groups == groups.Length && plan.GroupOutChannels == GroupOutChannels && plan.GroupRows == GroupRows
           && (groups.Length == 0 || groups[0].Path == SimdPaths.Selected || typeof(T) != typeof(float) && typeof(T) != typeof(double));

    /// <summary>Group <paramref name="g"/>'s block [O/G, (C/G)·K], packed.</summary>
    public GemmPackedA<T> Group(int g) => groups[g];
}
