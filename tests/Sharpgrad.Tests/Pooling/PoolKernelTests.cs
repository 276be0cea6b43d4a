using System.Numerics;
using Sharpgrad.Kernels;
using Sharpgrad.NN;
using Sharpgrad.Tests.Convolution;
using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.Pooling;

/// <summary>
/// The pooling kernels (the general window walk, the vectorised 2×2 stride-2 path and the vectorised stride-2 rows) against a plain reference
/// written here from PyTorch's rules: odd and non-square sizes, rows narrower and wider than a vector, padding,
/// dilation, ceil mode, 1-D and 3-D, adaptive windows, float32 and float64, ties, signed zeros and NaN, strided
/// inputs, backward, every SIMD path, and the same bits on one or two threads.
/// </summary>
public class PoolKernelTests
{
    /// <summary>One pooling: spatial dims from the input's rank, kernel/stride/padding/dilation per dim.</summary>
    public sealed record Setting(string Name, int[] Shape, int[] Kernel, int[] Stride, int[] Padding, int[] Dilation, bool Ceil)
    {
        public int Dims => Kernel.Length;

        public override string ToString() => Name;
    }

    private static Setting S(string name, int[] shape, int[] kernel, int[]? stride = null, int[]? padding = null, int[]? dilation = null, bool ceil = false)
        => new(name, shape, kernel, stride ?? kernel, padding ?? new int[kernel.Length], dilation ?? Enumerable.Repeat(1, kernel.Length).ToArray(), ceil);

    /// <summary>The 2×2 stride-2 fast path on widths below, at and above a vector (8 floats, 4 doubles), and general windows.</summary>
    public static TheoryData<Setting> Settings() =>
    [
        S("2x2 28x28", [2, 3, 28, 28], [2, 2]),
        S("2x2 7x17", [1, 5, 7, 17], [2, 2]),
        S("2x2 10x10", [2, 3, 10, 10], [2, 2]),
        S("2x2 9x7", [1, 7, 9, 7], [2, 2]),
        S("2x2 33x65", [2, 1, 33, 65], [2, 2]),
        S("2x2 17x23", [1, 3, 17, 23], [2, 2]),
        S("2x2 2x129", [3, 1, 2, 129], [2, 2]),
        S("1x2 1x33", [2, 3, 1, 33], [1, 2]),
        S("2x2 ceil 7x17", [1, 3, 7, 17], [2, 2], ceil: true),
        S("3x3 s2 p1 ceil 17x33", [2, 3, 17, 33], [3, 3], [2, 2], [1, 1], ceil: true),
        S("3x3 s1 p1 7x7", [1, 3, 7, 7], [3, 3], [1, 1], [1, 1]),
        // The stride-2 path (ResNet's 3×3 stride-2 pool): runs of 3, 15 and 20 windows against vectors of 8 floats or
        // 4 doubles, a last block that must not read past the plane (no padding: the last window ends the row), width 2,
        // 1-D and 3-D.
        S("3x3 s2 p1 9x9", [1, 3, 9, 9], [3, 3], [2, 2], [1, 1]),
        S("3x3 s2 p1 13x33", [2, 2, 13, 33], [3, 3], [2, 2], [1, 1]),
        S("3x3 s2 11x41", [1, 3, 11, 41], [3, 3], [2, 2]),
        S("3x2 s2 p(0,1) 7x20", [1, 2, 7, 20], [3, 2], [2, 2], [0, 1]),
        S("1d k3 s2 40", [1, 2, 40], [3], [2]),
        S("3d 2x3x3 s2 p(0,1,1) 5x9x37", [1, 2, 5, 9, 37], [2, 3, 3], [2, 2, 2], [0, 1, 1]),
        S("2x3 s(1,2) p1 d2 17x7", [1, 3, 17, 7], [2, 3], [1, 2], [1, 1], [2, 2]),
        S("1d k2 65", [2, 3, 65], [2]),
        S("1d k3 s2 p1 ceil 33", [1, 7, 33], [3], [2], [1], ceil: true),
        S("1d k1 1", [1, 3, 1], [1]),
        S("3d 1x2x2 3x7x17", [1, 3, 3, 7, 17], [1, 2, 2]),
        S("3d 2x2x2 ceil 3x7x9", [1, 2, 3, 7, 9], [2, 2, 2], ceil: true),
        S("3d 3x1x2 s(2,1,1) p(1,0,0) 7x1x17", [1, 3, 7, 1, 17], [3, 1, 2], [2, 1, 1], [1, 0, 0]),
    ];

    public static TheoryData<int[], int[]> AdaptiveSettings() => new()
    {
        { [2, 3, 28, 28], [14, 14] },
        { [1, 3, 33, 65], [16, 32] },
        { [1, 5, 7, 17], [3, 4] },
        { [2, 3, 65], [7] },
        { [1, 2, 5, 7, 9], [2, 3, 4] },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void MaxPoolingMatchesTheReference(Setting s)
    {
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        {
            var x = TiesZerosAndNaNs(s.Shape, dtype, seed: 1);
            var g = Rand.Normal(2, OutputShape(s)).To(dtype);
            var windows = Windows(s);
            var (values, switches) = ReferenceMax(Values(x), Planes(s.Shape), windows);
            var (y, indices) = MaxPool(s, x.RequireGrad());
            y.Backward(g);
            Assert.Equal(OutputShape(s), y.Shape);
            Assert.Equal(Bits(values), Bits(Values(y)));
            Assert.Equal(switches, indices.ToArray<long>());
            Assert.Equal(Bits(ReferenceUnpool(Values(g), switches, s.Shape, dtype)), Bits(Values(x.Grad!)));
        }
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void AveragePoolingMatchesTheReference(Setting s)
    {
        if (s.Dilation.Any(d => d != 1)) return; // average pooling has no dilation
        foreach (bool countPadding in new[] { true, false })
            foreach (var dtype in new[] { DType.Float64, DType.Float32 })
            {
                var x = Rand.Normal(3, s.Shape).To(dtype);
                var g = Rand.Normal(4, OutputShape(s)).To(dtype);
                var windows = Windows(s, countPadding);
                var y = AvgPool(s, x.RequireGrad(), countPadding);
                y.Backward(g);
                CheckAverage(x, g, y, windows, Planes(s.Shape), dtype);
            }
    }

    [Theory]
    [MemberData(nameof(AdaptiveSettings))]
    public void AdaptivePoolingMatchesTheReference(int[] shape, int[] output)
    {
        int dims = output.Length;
        var windows = AdaptiveWindows(shape[^dims..], output);
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        {
            var x = TiesZerosAndNaNs(shape, dtype, seed: 5);
            var g = Rand.Normal(6, [.. shape[..^dims], .. output]).To(dtype);
            var (values, switches) = ReferenceMax(Values(x), Planes(shape), windows);
            var (y, indices) = dims switch
            {
                1 => Functional.AdaptiveMaxPool1d(x.RequireGrad(), output),
                2 => Functional.AdaptiveMaxPool2d(x.RequireGrad(), output),
                _ => Functional.AdaptiveMaxPool3d(x.RequireGrad(), output),
            };
            y.Backward(g);
            Assert.Equal(Bits(values), Bits(Values(y)));
            Assert.Equal(switches, indices.ToArray<long>());
            Assert.Equal(Bits(ReferenceUnpool(Values(g), switches, shape, dtype)), Bits(Values(x.Grad!)));

            var smooth = Rand.Normal(7, shape).To(dtype).RequireGrad();
            var average = dims switch
            {
                1 => Functional.AdaptiveAvgPool1d(smooth, output),
                2 => Functional.AdaptiveAvgPool2d(smooth, output),
                _ => Functional.AdaptiveAvgPool3d(smooth, output),
            };
            average.Backward(g);
            CheckAverage(smooth, g, average, windows, Planes(shape), dtype);
        }
    }

    /// <summary>
    /// The kernels called directly on every SIMD path this CPU runs, whatever <c>SHARPGRAD_SIMD</c> selects: the 2×2
    /// fast path's Vector256 code on v256 and v512, its scalar loop on scalar and v128. Each path matches the
    /// reference and the scalar path bit for bit, reading its input at an offset after NaNs it must not touch.
    /// </summary>
    [Theory]
    [MemberData(nameof(Settings))]
    public void EverySimdPathMatchesTheReferenceAndTheScalarPath(Setting s)
    {
        AllPaths<double>(s, DType.Float64);
        AllPaths<float>(s, DType.Float32);
    }

    private static void AllPaths<T>(Setting s, DType dtype) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int offset = 3;
        int planes = Planes(s.Shape), inputs = planes * Volume(s.Shape);
        T[] AtOffset(Tensor t) => [.. Enumerable.Repeat(T.NaN, offset), .. t.ToArray<T>()];
        var ties = TiesZerosAndNaNs(s.Shape, dtype, seed: 23);
        var smooth = Rand.Normal(24, s.Shape).To(dtype);
        var g = Rand.Normal(25, OutputShape(s)).To(dtype);
        var spec = new PoolSpec("test", s.Kernel, s.Stride, s.Padding, s.Dilation, s.Ceil);
        var (maxValues, switches) = ReferenceMax(Values(ties), planes, Windows(s));
        T[]? scalarMax = null, scalarAverage = null, scalarAdjoint = null;
        foreach (var path in SimdPaths.Available)
        {
            string where = $"{s.Name} {dtype} on {SimdPaths.Name(path)}";
            var windows = spec.Windows(planes, s.Shape[2..], OutputShape(s)[2..]);
            var values = new T[g.Count];
            var indices = new long[g.Count];
            MaxPoolKernel.Forward(AtOffset(ties), offset, windows, values, indices, path);
            Assert.True(Bits(maxValues).SequenceEqual(Bits(values)), $"max values, {where}");
            Assert.True(switches.SequenceEqual(indices), $"max switches, {where}");
            Assert.True(Bits(scalarMax ??= values).SequenceEqual(Bits(values)), $"max values against scalar, {where}");
            if (s.Dilation.Any(d => d != 1)) continue; // average pooling has no dilation

            var averages = new T[g.Count];
            var adjoint = new T[inputs];
            AvgPoolKernel.Forward(AtOffset(smooth), offset, windows, averages, path);
            AvgPoolKernel.Adjoint(AtOffset(g), offset, windows, adjoint, path);
            var (expected, expectedAdjoint) = ReferenceAverage(Values(smooth), Values(g), Windows(s), planes, dtype);
            Assert.True(Bits(expected).SequenceEqual(Bits(averages)), $"averages, {where}");
            Assert.True(Bits(expectedAdjoint).SequenceEqual(Bits(adjoint)), $"average adjoint, {where}");
            Assert.True(Bits(scalarAverage ??= averages).SequenceEqual(Bits(averages)), $"averages against scalar, {where}");
            Assert.True(Bits(scalarAdjoint ??= adjoint).SequenceEqual(Bits(adjoint)), $"average adjoint against scalar, {where}");
        }
    }

    [Fact]
    public void StridedInputsArePooledAsTheirValues()
    {
        // A transposed view ([N, C, W, H] read as [N, C, H, W]) and a channel slice pool as their contiguous copies.
        var x = Rand.Normal(8, 2, 5, 23, 18);
        var transposed = x.Transpose(2, 3);
        var sliced = x.Narrow(1, 1, 3);
        foreach (var view in new[] { transposed, sliced })
        {
            var copy = view.Contiguous(copy: true);
            Assert.Equal(Functional.MaxPool2dWithIndices(copy, 2).Indices.ToArray<long>(), Functional.MaxPool2dWithIndices(view, 2).Indices.ToArray<long>());
            Assert.Equal(Functional.MaxPool2d(copy, 3, 2, 1).ToArray<double>(), Functional.MaxPool2d(view, 3, 2, 1).ToArray<double>());
            Assert.Equal(Functional.AvgPool2d(copy, 2).ToArray<double>(), Functional.AvgPool2d(view, 2).ToArray<double>());
        }
    }

    [Fact]
    public void OneAndTwoThreadsGiveTheSameBits()
    {
        // 28 planes of 2145 inputs: enough work that two threads split the planes.
        var (one, two) = ThreadCounts.OneAndTwo(() =>
        {
            var results = new List<double[]>();
            foreach (var (kernel, stride, padding) in new[] { (2, 2, 0), (3, 1, 1), (3, 2, 1) })
            {
                var x = Rand.Leaf(9, 4, 7, 33, 65);
                var y = Functional.MaxPool2d(x, kernel, stride, padding) + Functional.AvgPool2d(x, kernel, stride, padding);
                y.Square().Sum().Backward();
                results.Add(y.ToArray<double>());
                results.Add(x.Grad!.ToArray<double>());
            }
            return results;
        });
        for (int i = 0; i < one.Count; i++) Assert.Equal(Bits(one[i]), Bits(two[i]));
    }

    [Fact]
    public void MaxPoolingBackwardIsTwiceDifferentiableOnTheFastPath()
    {
        // The backward of the backward gathers through the switches: d/dg ⟨∂L/∂x, v⟩ = v at each window's maximum.
        GradCheck.RunSecondOrder(t => Functional.MaxPool2d(t[0], 2).Square(), [Rand.Leaf(10, 1, 2, 4, 6)]).ThrowIfFailed();
        GradCheck.RunSecondOrder(t => Functional.AvgPool2d(t[0].Square(), 2), [Rand.Leaf(11, 1, 2, 4, 6)]).ThrowIfFailed();
    }

    // ------------------------------------------------------------------ the reference

    /// <summary>
    /// One output window: its real taps (positions within the input plane, row-major) and its average divisor.
    /// Windows are the same for every plane.
    /// </summary>
    private sealed record Window(int[] Taps, double Divisor);

    private static int Planes(int[] shape) => shape[0] * shape[1];

    private static int Volume(int[] shape) => shape[2..].Aggregate(1, (a, b) => a * b);

    /// <summary>PyTorch's output size: ⌊(in + 2p − d(k − 1) − 1)/s⌋ + 1, or ⌈⌉ in ceil mode without a window starting in the right padding.</summary>
    private static int[] OutputShape(Setting s)
    {
        var shape = (int[])s.Shape.Clone();
        for (int d = 0; d < s.Dims; d++)
        {
            int input = s.Shape[2 + d], room = input + 2 * s.Padding[d] - s.Dilation[d] * (s.Kernel[d] - 1) - 1;
            int output = (s.Ceil ? (int)Math.Ceiling((double)room / s.Stride[d]) : room / s.Stride[d]) + 1;
            if (s.Ceil && (output - 1) * s.Stride[d] >= input + s.Padding[d]) output--;
            shape[2 + d] = output;
        }
        return shape;
    }

    /// <summary>The windows of regular pooling: taps o·s − p + j·d inside the input, divisor counting padding (not past it) or not.</summary>
    private static Window[] Windows(Setting s, bool countPadding = true)
    {
        var output = OutputShape(s)[2..];
        var perDim = new List<(int[] Taps, int Divisor)>[s.Dims];
        for (int d = 0; d < s.Dims; d++)
        {
            perDim[d] = [];
            int input = s.Shape[2 + d];
            for (int o = 0; o < output[d]; o++)
            {
                int begin = o * s.Stride[d] - s.Padding[d];
                var taps = Enumerable.Range(0, s.Kernel[d]).Select(j => begin + j * s.Dilation[d]).Where(i => i >= 0 && i < input).ToArray();
                int padded = Math.Min(begin + s.Kernel[d], input + s.Padding[d]) - begin;
                perDim[d].Add((taps, countPadding ? padded : taps.Length));
            }
        }
        return Combine(perDim, s.Shape[2..]);
    }

    /// <summary>Adaptive windows [⌊o·in/out⌋, ⌈(o + 1)·in/out⌉), divided by their size.</summary>
    private static Window[] AdaptiveWindows(int[] input, int[] output)
    {
        var perDim = new List<(int[] Taps, int Divisor)>[input.Length];
        for (int d = 0; d < input.Length; d++)
        {
            perDim[d] = [];
            for (int o = 0; o < output[d]; o++)
            {
                int begin = o * input[d] / output[d], end = ((o + 1) * input[d] + output[d] - 1) / output[d];
                perDim[d].Add((Enumerable.Range(begin, end - begin).ToArray(), end - begin));
            }
        }
        return Combine(perDim, input);
    }

    /// <summary>The windows of all output positions, row-major, each the row-major product of its per-dim taps.</summary>
    private static Window[] Combine(List<(int[] Taps, int Divisor)>[] perDim, int[] input)
    {
        IEnumerable<(int[] Taps, double Divisor)> windows = [([0], 1.0)];
        for (int d = 0; d < perDim.Length; d++)
        {
            int size = input[d];
            var dim = perDim[d];
            windows = windows.SelectMany(w => dim.Select(p =>
                (w.Taps.SelectMany(t => p.Taps.Select(i => t * size + i)).ToArray(), w.Divisor * p.Divisor))).ToList();
        }
        return windows.Select(w => new Window(w.Taps, w.Divisor)).ToArray();
    }

    /// <summary>Each window's maximum by a row-major scan: a larger value or a NaN replaces the maximum so far.</summary>
    private static (double[] Values, long[] Switches) ReferenceMax(double[] x, int planes, Window[] windows)
    {
        int volume = x.Length / planes;
        var values = new double[planes * windows.Length];
        var switches = new long[planes * windows.Length];
        for (int p = 0; p < planes; p++)
            for (int o = 0; o < windows.Length; o++)
            {
                int best = windows[o].Taps[0];
                foreach (int t in windows[o].Taps)
                    if (x[p * volume + t] > x[p * volume + best] || double.IsNaN(x[p * volume + t])) best = t;
                values[p * windows.Length + o] = x[p * volume + best];
                switches[p * windows.Length + o] = best;
            }
        return (values, switches);
    }

    /// <summary>Max pooling's input gradient: each output gradient added at its switch, in output order.</summary>
    private static double[] ReferenceUnpool(double[] g, long[] switches, int[] shape, DType dtype)
    {
        int planes = shape[0] * shape[1], volume = Volume(shape), outputs = g.Length / planes;
        var dx = new double[planes * volume];
        for (int p = 0; p < planes; p++)
            for (int o = 0; o < outputs; o++)
            {
                int at = p * volume + (int)switches[p * outputs + o];
                dx[at] = Round(dx[at] + g[p * outputs + o], dtype);
            }
        return dx;
    }

    private static void CheckAverage(Tensor x, Tensor g, Tensor y, Window[] windows, int planes, DType dtype)
    {
        var (expected, adjoint) = ReferenceAverage(Values(x), Values(g), windows, planes, dtype);
        Assert.Equal(Bits(expected), Bits(Values(y)));
        Assert.Equal(Bits(adjoint), Bits(Values(x.Grad!)));
    }

    /// <summary>Each window's average, its taps summed in row-major order, and the adjoint: each share added to its taps in output order.</summary>
    private static (double[] Averages, double[] Adjoint) ReferenceAverage(double[] xs, double[] gs, Window[] windows, int planes, DType dtype)
    {
        int volume = xs.Length / planes;
        var expected = new double[planes * windows.Length];
        var adjoint = new double[xs.Length];
        for (int p = 0; p < planes; p++)
            for (int o = 0; o < windows.Length; o++)
            {
                double sum = 0;
                foreach (int t in windows[o].Taps) sum = Round(sum + xs[p * volume + t], dtype);
                expected[p * windows.Length + o] = Round(sum / windows[o].Divisor, dtype);
                double share = Round(gs[p * windows.Length + o] / windows[o].Divisor, dtype);
                foreach (int t in windows[o].Taps) adjoint[p * volume + t] = Round(adjoint[p * volume + t] + share, dtype);
            }
        return (expected, adjoint);
    }

    private static double Round(double value, DType dtype) => dtype == DType.Float32 ? (float)value : value;

    // ------------------------------------------------------------------ helpers

    private static (Tensor Values, Tensor Indices) MaxPool(Setting s, Tensor x) => s.Dims switch
    {
        1 => Functional.MaxPool1dWithIndices(x, s.Kernel, s.Stride, s.Padding, s.Dilation, s.Ceil),
        2 => Functional.MaxPool2dWithIndices(x, s.Kernel, s.Stride, s.Padding, s.Dilation, s.Ceil),
        _ => Functional.MaxPool3dWithIndices(x, s.Kernel, s.Stride, s.Padding, s.Dilation, s.Ceil),
    };

    private static Tensor AvgPool(Setting s, Tensor x, bool countPadding) => s.Dims switch
    {
        1 => Functional.AvgPool1d(x, s.Kernel, s.Stride, s.Padding, s.Ceil, countPadding),
        2 => Functional.AvgPool2d(x, s.Kernel, s.Stride, s.Padding, s.Ceil, countPadding),
        _ => Functional.AvgPool3d(x, s.Kernel, s.Stride, s.Padding, s.Ceil, countPadding),
    };

    /// <summary>
    /// Values in steps of ½ (so windows often tie, including −0 against +0) with about one in 40 a NaN, so the
    /// kernels' choice among equal maxima and among NaNs is visible in the switches and in the bits.
    /// </summary>
    private static Tensor TiesZerosAndNaNs(int[] shape, DType dtype, int seed)
    {
        var u = Tensor.Rand(shape, DType.Float64, new Generator(seed)).ToArray<double>();
        var n = Tensor.Randn(shape, DType.Float64, new Generator(seed + 100)).ToArray<double>();
        var values = n.Select((v, i) => u[i] < 0.025 ? double.NaN : Math.Round(v * 2) / 2 * (u[i] < 0.5 ? 1 : -1)).ToArray();
        return Tensor.FromArray(values, shape).To(dtype);
    }

    private static double[] Values(Tensor t) => t.Detach().Double().ToArray<double>();

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    /// <summary>The bits of each value widened to float64 (exact, so float32 values compare as their own bits).</summary>
    private static long[] Bits<T>(T[] values) where T : INumberBase<T> => Bits(values.Select(double.CreateChecked).ToArray());
}
