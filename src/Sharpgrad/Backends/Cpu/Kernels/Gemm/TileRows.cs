namespace Sharpgrad.Kernels;

/// <summary>
/// How many rows of the micro-tile a kernel instantiation computes: all <see cref="GemmMicroKernel.Rows"/>, or the
/// fewer rows of the bottom edge of C (m not a multiple of the strip height). A struct type argument, so the JIT
/// compiles one kernel per row count with the unused rows' loads, multiply-adds and stores removed: the edge strip is
/// then multiplied in place, where the full kernel needed its A strip packed with zero rows and its tile computed into
/// a scratch tile and copied (1/16 of the work at m = 32 or 64, the sizes of an attention head's products).
/// <para>Fringe handling as in the literature: Goto &amp; van de Geijn 2008 (§6) pad the packed strip with zeros so one
/// kernel serves every tile; BLIS keeps that and runs the full kernel into a temporary tile at the edges, while Low et al.
/// 2016 note that edge cases cost little only while they are a small fraction of the work, which they are not at
/// m = 32. Kernels specialised by row count, as here, trade code size for reading the edge strip in place.</para>
/// </summary>
internal interface ITileRows
{
    static abstract int Count { get; }
}

internal readonly struct SixRows : ITileRows { public static int Count => 6; }
internal readonly struct FiveRows : ITileRows { public static int Count => 5; }
internal readonly struct FourRows : ITileRows { public static int Count => 4; }
internal readonly struct ThreeRows : ITileRows { public static int Count => 3; }
internal readonly struct TwoRows : ITileRows { public static int Count => 2; }
internal readonly struct OneRow : ITileRows { public static int Count => 1; }
