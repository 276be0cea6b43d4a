namespace Sharpgrad;

public sealed partial class Tensor
{
    public static Tensor Zeros(params int[] shape) => Zeros(shape, DType.Float32);

    public static Tensor Zeros(int[] shape, DType dtype) => Empty(dtype, shape);

    public static Tensor Ones(params int[] shape) => Ones(shape, DType.Float32);

    public static Tensor Ones(int[] shape, DType dtype) => Full(shape, 1, dtype);

    public static Tensor Full(int[] shape, double value, DType dtype = DType.Float32) => Full(shape, value, dtype, null);

    private static Tensor Full(int[] shape, double value, DType dtype, Device? device)
    {
        CheckRepresentable(value, dtype, "Full");
        var t = Empty(dtype, shape, device);
        if (value != 0) Elementwise.CopyInto(t, Scalar(value, dtype));
        return t;
    }

    // The *Like constructors keep the tensor's device as well as its shape and dtype, as PyTorch's do.
    public static Tensor ZerosLike(Tensor t) => Empty(t.DType, t.shape, t.Device);

    public static Tensor OnesLike(Tensor t) => Full(t.shape, 1, t.DType, t.Device);

    public static Tensor FullLike(Tensor t, double value) => Full(t.shape, value, t.DType, t.Device);

    /// <summary>A 0-d tensor holding one value.</summary>
    public static Tensor Scalar(double value, DType dtype = DType.Float32)
    {
        CheckRepresentable(value, dtype, "Scalar");
        return dtype switch
        {
            DType.Float32 => FromHost<float>([(float)value], []),
            DType.Float64 => FromHost<double>([value], []),
            DType.Int64 => FromHost<long>([(long)value], []),
            DType.Float16 or DType.BFloat16 => FromHost<float>([(float)value], []).To(dtype),
            _ => FromHost<bool>([value != 0], []),
        };
    }

    /// <summary>A tensor over a copy of <paramref name="data"/>; the shape defaults to 1-D.</summary>
    public static Tensor FromArray<T>(T[] data, params int[] shape) where T : unmanaged
        => FromSpan<T>(data, shape);

    public static Tensor FromSpan<T>(ReadOnlySpan<T> data, params int[] shape) where T : unmanaged
    {
        int[] dims = shape.Length == 0 ? [data.Length] : ShapeUtil.InferShape(shape, data.Length, "FromArray");
        return FromHost(data, dims);
    }

    public static Tensor From(float[] data) => FromArray(data);
    public static Tensor From(double[] data) => FromArray(data);
    public static Tensor From(long[] data) => FromArray(data);
    public static Tensor From(bool[] data) => FromArray(data);
    public static Tensor From(float[,] data) => FromArray(Flatten(data), data.GetLength(0), data.GetLength(1));
    public static Tensor From(double[,] data) => FromArray(Flatten(data), data.GetLength(0), data.GetLength(1));
    public static Tensor From(long[,] data) => FromArray(Flatten(data), data.GetLength(0), data.GetLength(1));

    private static T[] Flatten<T>(T[,] data) where T : unmanaged
    {
        var flat = new T[data.Length];
        int k = 0;
        foreach (var v in data) flat[k++] = v;
        return flat;
    }

    /// <summary>Values start, start+step, ... below end. Int64 when every argument is whole, else float32 (as PyTorch).</summary>
    public static Tensor Arange(double start, double end, double step = 1, DType? dtype = null)
    {
        if (!double.IsFinite(start) || !double.IsFinite(end) || !double.IsFinite(step))
            throw new ArgumentException($"Arange: start, end and step must be finite numbers, got start = {start}, end = {end}, step = {step}.");
        if (step == 0 || (end - start) / step < 0 && end != start)
            throw new ArgumentException($"Arange: cannot go from {start} to {end} in steps of {step}.");
        double count = Math.Max(0, Math.Ceiling((end - start) / step));
        if (count > Array.MaxLength)
            throw new ArgumentException($"Arange: going from {start} to {end} in steps of {step} gives {count} values, more than one tensor can hold ({Array.MaxLength}).");
        int n = (int)count;
        var type = dtype ?? (IsWhole(start) && IsWhole(end) && IsWhole(step) ? DType.Int64 : DType.Float32);
        var values = new double[n];
        for (int i = 0; i < n; i++) values[i] = start + i * step;
        return FromArray(values).To(type);
    }

    public static Tensor Arange(int end) => Arange(0, end);

    private static bool IsWhole(double v) => Math.Floor(v) == v;

    /// <summary>
    /// An int64 cannot hold NaN, an infinity or a value beyond ±2⁶³, and C#'s conversion would silently give 0 or
    /// long.MinValue; PyTorch raises "value cannot be converted to type int64_t without overflow". Fractions are
    /// truncated toward zero, as PyTorch does.
    /// </summary>
    private static void CheckRepresentable(double value, DType dtype, string op)
    {
        if (dtype == DType.Int64 && !(value >= -9.223372036854775808e18 && value < 9.223372036854775808e18))
            throw new ArgumentException($"{op}: the value {value} cannot be converted to int64 without overflow; expected a finite number in [-2^63, 2^63).");
    }

    /// <summary><paramref name="steps"/> evenly spaced values from start to end inclusive.</summary>
    public static Tensor Linspace(double start, double end, int steps, DType dtype = DType.Float32)
    {
        if (steps < 1) throw new ArgumentException($"Linspace: steps must be at least 1, got {steps}.");
        var values = new double[steps];
        double step = steps == 1 ? 0 : (end - start) / (steps - 1);
        for (int i = 0; i < steps; i++) values[i] = i == steps - 1 && steps > 1 ? end : start + i * step;
        return FromArray(values).To(dtype);
    }

    public static Tensor Eye(int n, int? m = null, DType dtype = DType.Float32)
    {
        int cols = m ?? n;
        if (n < 0 || cols < 0)
            throw new ArgumentException($"Eye: n and m must be non-negative, got n = {n}, m = {cols}.");
        if ((long)n * cols > Array.MaxLength)
            throw new ArgumentException($"Eye: a {n}×{cols} matrix has more elements than one tensor can hold.");
        var values = new double[n * cols];
        for (int i = 0; i < Math.Min(n, cols); i++) values[i * cols + i] = 1;
        return FromArray(values, n, cols).To(dtype);
    }

    /// <summary>Uniform samples in [0, 1).</summary>
    public static Tensor Rand(params int[] shape) => Rand(shape, DType.Float32);

    public static Tensor Rand(int[] shape, DType dtype = DType.Float32, Generator? generator = null)
        => Sample(shape, dtype, generator ?? Generator.Default, g => g.NextDouble(), "Rand");

    /// <summary>Standard-normal samples.</summary>
    public static Tensor Randn(params int[] shape) => Randn(shape, DType.Float32);

    public static Tensor Randn(int[] shape, DType dtype = DType.Float32, Generator? generator = null)
        => Sample(shape, dtype, generator ?? Generator.Default, g => g.NextNormal(), "Randn");

    /// <summary>Uniform integers in [low, high).</summary>
    public static Tensor RandInt(long low, long high, int[] shape, Generator? generator = null)
    {
        if (high <= low) throw new ArgumentException($"RandInt: high ({high}) must exceed low ({low}).");
        ShapeUtil.CheckShape(shape, "RandInt");
        var gen = generator ?? Generator.Default;
        var values = new long[ShapeUtil.Count(shape)];
        for (int i = 0; i < values.Length; i++) values[i] = low + gen.NextInt64(high - low);
        return FromArray(values).Reshape(shape); // FromArray alone would read an empty shape as 1-D, not 0-d
    }

    /// <summary>A uniformly random permutation of 0..n−1 as int64 (PyTorch's randperm); the same seed gives the same permutation.</summary>
    public static Tensor RandPerm(int n, Generator? generator = null)
        => n < 0
            ? throw new ArgumentException($"RandPerm: n must be non-negative, got {n}.")
            : FromArray((generator ?? Generator.Default).Permutation(n).Select(i => (long)i).ToArray());

    private static Tensor Sample(int[] shape, DType dtype, Generator gen, Func<Generator, double> draw, string op)
    {
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"{op}: dtype must be floating point (float32, float64, float16 or bfloat16), got {dtype.Name()}.");
        ShapeUtil.CheckShape(shape, op);
        var values = new double[ShapeUtil.Count(shape)];
        for (int i = 0; i < values.Length; i++) values[i] = draw(gen);
        var dims = shape.ToArray();
        var t = FromHost<double>(values, dims);
        return dtype == DType.Float64 ? t : Elementwise.Convert(t, dtype);
    }
}
