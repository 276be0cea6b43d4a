using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sharpgrad.Kernels;

/// <summary>The SIMD width the GEMM micro-kernel runs at. Every path computes the same product; they differ in speed.</summary>
internal enum GemmPath
{
    /// <summary>One element per register: runs anywhere.</summary>
    Scalar,

    /// <summary>128-bit vectors (SSE, NEON, WASM SIMD): the portable vector path.</summary>
    Vector128,

    /// <summary>256-bit vectors with fused multiply-add (x86 AVX2 + FMA).</summary>
    Vector256,

    /// <summary>512-bit vectors (x86 AVX-512).</summary>
    Vector512,
}

/// <summary>
/// Which <see cref="GemmPath"/>s this CPU can run and which one <see cref="Gemm.Multiply{T}"/> uses: the widest the
/// hardware accelerates, unless the <c>SHARPGRAD_SIMD</c> environment variable (<c>scalar</c>, <c>v128</c>,
/// <c>v256</c> or <c>v512</c>, read once per process) forces one, so that the narrower paths can be tested and timed
/// on a wide machine.
/// </summary>
internal static class GemmPaths
{
    public const string EnvironmentVariable = "SHARPGRAD_SIMD";

    private static readonly Lazy<GemmPath> selected = new(() => Parse(Environment.GetEnvironmentVariable(EnvironmentVariable)));

    /// <summary>The path <see cref="Gemm.Multiply{T}"/> uses. Throws if <c>SHARPGRAD_SIMD</c> names an unknown or unavailable path.</summary>
    public static GemmPath Selected => selected.Value;

    /// <summary>
    /// Scalar and Vector128 are always available (Vector128 is emulated where the hardware lacks it: slow, still
    /// correct). Vector256 needs FMA as well, because its micro-kernel fuses every multiply-add; Vector512 implies it.
    /// </summary>
    public static bool IsAvailable(GemmPath path) => path switch
    {
        GemmPath.Scalar or GemmPath.Vector128 => true,
        GemmPath.Vector256 => Vector256.IsHardwareAccelerated && Fma.IsSupported,
        GemmPath.Vector512 => Vector512.IsHardwareAccelerated,
        _ => false,
    };

    public static IReadOnlyList<GemmPath> Available { get; } = Enum.GetValues<GemmPath>().Where(IsAvailable).ToArray();

    /// <summary>The widest path the hardware accelerates.</summary>
    public static GemmPath Fastest =>
        IsAvailable(GemmPath.Vector512) ? GemmPath.Vector512
        : IsAvailable(GemmPath.Vector256) ? GemmPath.Vector256
        : Vector128.IsHardwareAccelerated ? GemmPath.Vector128
        : GemmPath.Scalar;

    public static string Name(GemmPath path) => path switch
    {
        GemmPath.Scalar => "scalar",
        GemmPath.Vector128 => "v128",
        GemmPath.Vector256 => "v256",
        GemmPath.Vector512 => "v512",
        _ => path.ToString(),
    };

    /// <summary>An unset or empty variable selects <see cref="Fastest"/>; anything else must name an available path.</summary>
    public static GemmPath Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Fastest;
        var names = string.Join(", ", Available.Select(Name));
        var path = Enum.GetValues<GemmPath>().Where(p => Name(p).Equals(text.Trim(), StringComparison.OrdinalIgnoreCase)).Cast<GemmPath?>().FirstOrDefault()
            ?? throw new InvalidOperationException($"{EnvironmentVariable}={text}: unknown GEMM path; expected one of scalar, v128, v256, v512 (available on this CPU: {names}).");
        if (!IsAvailable(path))
            throw new InvalidOperationException($"{EnvironmentVariable}={text}: this CPU cannot run the {Name(path)} GEMM path (available: {names}).");
        return path;
    }
}
