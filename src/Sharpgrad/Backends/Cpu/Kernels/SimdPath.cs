using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sharpgrad.Kernels;

/// <summary>
/// The SIMD width a kernel with explicit-width code runs at: the GEMM micro-kernel (every path), the pooling fast
/// path (Vector256 or its scalar loop). Every path computes the same result; they differ in speed.
/// </summary>
internal enum SimdPath
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
/// Which <see cref="SimdPath"/>s this CPU can run and which one the kernels use: the widest the hardware
/// accelerates, unless the <c>SHARPGRAD_SIMD</c> environment variable (<c>scalar</c>, <c>v128</c>, <c>v256</c> or
/// <c>v512</c>, read once per process) forces one, so that the narrower paths can be tested and timed on a wide
/// machine. A kernel whose widest code is narrower than the selected path runs its widest (the pooling fast path
/// runs Vector256 under <c>v512</c>); one whose vector code is wider runs its portable loop.
/// </summary>
internal static class SimdPaths
{
    public const string EnvironmentVariable = "SHARPGRAD_SIMD";

    private static readonly Lazy<SimdPath> selected = new(() => Parse(Environment.GetEnvironmentVariable(EnvironmentVariable)));

    /// <summary>The path the kernels use. Throws if <c>SHARPGRAD_SIMD</c> names an unknown or unavailable path.</summary>
    public static SimdPath Selected => selected.Value;

    /// <summary>
    /// Scalar and Vector128 are always available (Vector128 is emulated where the hardware lacks it: slow, still
    /// correct). Vector256 needs FMA as well, because the GEMM's micro-kernel fuses every multiply-add; Vector512
    /// implies it.
    /// </summary>
    public static bool IsAvailable(SimdPath path) => path switch
    {
        SimdPath.Scalar or SimdPath.Vector128 => true,
        SimdPath.Vector256 => Vector256.IsHardwareAccelerated && Fma.IsSupported,
        SimdPath.Vector512 => Vector512.IsHardwareAccelerated,
        _ => false,
    };

    public static IReadOnlyList<SimdPath> Available { get; } = Enum.GetValues<SimdPath>().Where(IsAvailable).ToArray();

    /// <summary>The widest path the hardware accelerates.</summary>
    public static SimdPath Fastest =>
        IsAvailable(SimdPath.Vector512) ? SimdPath.Vector512
        : IsAvailable(SimdPath.Vector256) ? SimdPath.Vector256
        : Vector128.IsHardwareAccelerated ? SimdPath.Vector128
        : SimdPath.Scalar;

    public static string Name(SimdPath path) => path switch
    {
        SimdPath.Scalar => "scalar",
        SimdPath.Vector128 => "v128",
        SimdPath.Vector256 => "v256",
        SimdPath.Vector512 => "v512",
        _ => path.ToString(),
    };

    /// <summary>An unset or empty variable selects <see cref="Fastest"/>; anything else must name an available path.</summary>
    public static SimdPath Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Fastest;
        var names = string.Join(", ", Available.Select(Name));
        var path = Enum.GetValues<SimdPath>().Where(p => Name(p).Equals(text.Trim(), StringComparison.OrdinalIgnoreCase)).Cast<SimdPath?>().FirstOrDefault()
            ?? throw new ArgumentException($"{EnvironmentVariable}={text}: unknown SIMD path; expected one of scalar, v128, v256, v512 (available on this CPU: {names}).");
        if (!IsAvailable(path))
            throw new ArgumentException($"{EnvironmentVariable}={text}: this CPU cannot run the {Name(path)} SIMD path (available: {names}).");
        return path;
    }
}
