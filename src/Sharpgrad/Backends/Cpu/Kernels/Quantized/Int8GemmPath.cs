using System.Runtime.Intrinsics.X86;

namespace Sharpgrad.Kernels;

/// <summary>The instruction sequences <see cref="Int8Gemm"/> can run; all give the same exact int32 sums.</summary>
internal enum Int8GemmPath
{
    /// <summary>One product at a time.</summary>
    Scalar,

    /// <summary>AVX2: widen both operands to int16 and sum adjacent pairs of products into int32 (vpmaddwd): 16 products an instruction.</summary>
    Avx2,

    /// <summary>AVX-VNNI: u8×s8 products summed in fours straight into int32 (vpdpbusd): 32 products an instruction, no int16 saturation.</summary>
    AvxVnni,
}

internal static class Int8GemmPaths
{
    /// <summary>Whether this CPU runs <paramref name="path"/>.</summary>
    public static bool IsAvailable(Int8GemmPath path) => path switch
    {
        Int8GemmPath.Avx2 => Avx2.IsSupported,
        Int8GemmPath.AvxVnni => AvxVnni.IsSupported,
        _ => true,
    };

    /// <summary>The fastest path, or the scalar one when <c>SHARPGRAD_SIMD=scalar</c> (<see cref="SimdPaths"/>).</summary>
    public static Int8GemmPath Selected { get; } =
        SimdPaths.Selected == SimdPath.Scalar ? Int8GemmPath.Scalar
        : IsAvailable(Int8GemmPath.AvxVnni) ? Int8GemmPath.AvxVnni
        : IsAvailable(Int8GemmPath.Avx2) ? Int8GemmPath.Avx2
        : Int8GemmPath.Scalar;
}
