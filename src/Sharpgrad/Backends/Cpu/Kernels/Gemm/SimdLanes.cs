using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sharpgrad.Kernels;

/// <summary>
/// The handful of register operations the GEMM micro-kernel needs, for one register type <typeparamref name="TVector"/>
/// holding <see cref="Count"/> elements of <typeparamref name="T"/>. The micro-kernel is written once against this
/// interface; each implementation is a struct, so the JIT compiles a separate copy of the kernel per register type
/// with every call inlined (no virtual dispatch in the inner loop).
/// </summary>
internal interface ISimdLanes<T, TVector> where T : unmanaged where TVector : struct
{
    static abstract int Count { get; }

    static abstract TVector Load(ref T source);

    static abstract void Store(ref T destination, TVector value);

    static abstract TVector Broadcast(T value);

    static abstract TVector Add(TVector x, TVector y);

    /// <summary>a·b + c.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);
}

/// <summary>One element per "register": the path for hardware without SIMD. Multiply and add round separately.</summary>
internal readonly struct ScalarLanes<T> : ISimdLanes<T, T> where T : unmanaged, System.Numerics.INumber<T>
{
    public static int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Load(ref T source) => source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(ref T destination, T value) => destination = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Broadcast(T value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Add(T x, T y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T MultiplyAdd(T a, T b, T c) => a * b + c;
}

/// <summary>
/// 128-bit vectors, the portable path. <c>MultiplyAddEstimate</c> fuses where the hardware has FMA and multiplies then
/// adds where it does not, because a software-emulated fused multiply-add would be far slower than either.
/// </summary>
internal readonly struct Vector128Lanes<T> : ISimdLanes<T, Vector128<T>> where T : unmanaged
{
    public static int Count => Vector128<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Load(ref T source) => Vector128.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(ref T destination, Vector128<T> value) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Broadcast(T value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<T> Add(Vector128<T> x, Vector128<T> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd(Vector128<T> a, Vector128<T> b, Vector128<T> c)
    {
        if (typeof(T) == typeof(float)) return Vector128.MultiplyAddEstimate(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector128.MultiplyAddEstimate(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }
}

/// <summary>256-bit vectors with hardware FMA (AVX2 + FMA3), selected only where <c>Fma.IsSupported</c>.</summary>
internal readonly struct Vector256Lanes<T> : ISimdLanes<T, Vector256<T>> where T : unmanaged
{
    public static int Count => Vector256<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Load(ref T source) => Vector256.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(ref T destination, Vector256<T> value) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Broadcast(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<T> Add(Vector256<T> x, Vector256<T> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (typeof(T) == typeof(float)) return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }
}

/// <summary>512-bit vectors (AVX-512F, which includes FMA).</summary>
internal readonly struct Vector512Lanes<T> : ISimdLanes<T, Vector512<T>> where T : unmanaged
{
    public static int Count => Vector512<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Load(ref T source) => Vector512.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(ref T destination, Vector512<T> value) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<T> Add(Vector512<T> x, Vector512<T> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(float)) return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return a * b + c;
    }
}
