using System.Runtime.CompilerServices;
using Sharpgrad.Backends.Cpu;
using Sharpgrad.Kernels;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Tests.NN;

/// <summary>
/// A linear layer's Wᵀ kept packed between inference calls (<see cref="CpuPackedLinearWeights"/>, issue #21): the
/// product through the kept pack gives the bits of the unpacked one at one and two threads, a weight written in place is
/// packed again and never served stale, training calls never pack, a single row takes no pack, and a dropped weight
/// takes its pack with it.
/// </summary>
public class PackedLinearWeightsTests
{
    /// <summary>
    /// The reference bits: the layer as the plain product computes it (the bias, then the GEMM reading Wᵀ in place and
    /// accumulating onto it), never through a kept pack.
    /// </summary>
    private static Tensor Unpacked(Tensor x, Tensor w, Tensor? b)
    {
        var y = b is null ? Tensor.Zeros([x.Size(0), w.Size(0)], x.DType) : b.Expand(x.Size(0), w.Size(0)).Contiguous(copy: true);
        y.Backend.MatMul(y, x, w.TransposedMatrix(), accumulate: b is not null);
        return y;
    }

    /// <summary>
    /// Three calls under NoGrad on a weight with nothing kept: the first notes Wᵀ, the second packs it, the third reads
    /// the kept pack; all three give the first's bits. The last output.
    /// </summary>
    private static Tensor Inference(Tensor x, Tensor w, Tensor? b, string what)
    {
        Assert.Equal(0, CpuPackedLinearWeights.PackedEntries(w));
        using var noGrad = Autograd.NoGrad();
        var first = Functional.Linear(x, w, b);
        Assert.Equal(0, CpuPackedLinearWeights.PackedEntries(w));
        var second = Functional.Linear(x, w, b);
        Assert.True(CpuPackedLinearWeights.PackedEntries(w) == 1, $"{what}: the second inference call should keep Wᵀ packed");
        var third = Functional.Linear(x, w, b);
        AssertBits(first, second, $"{what}, the call that packs");
        AssertBits(first, third, $"{what}, the call with Wᵀ held packed");
        return third;
    }

    /// <summary>
    /// Shapes that take the packed GEMM (several rows) and cross its edges: the MLP's 784→256 at batch 64 (784 = three
    /// depth blocks of 256 and a partial one of 16; 12.8 M multiply-adds, so two threads cut the output: float32 by rows,
    /// 11 row tiles of 6 against 8 column tiles of 32, float64 by columns, 16 tiles of 16), the same with 250 outputs
    /// (cut in two as well, its last strip partial: 26 of 32 columns, 10 of 16), 50 rows (not a whole number of 6-row
    /// strips) by 100 outputs (a partial strip of 32 or 16 columns; 1.5 M multiply-adds, one part), and 300 → 10 (one
    /// strip, padded). float32 and float64, one thread and two; the bits of the unpacked product, and the same bits at
    /// both thread counts.
    /// </summary>
    [Theory]
    [InlineData(64, 784, 256)]
    [InlineData(64, 784, 250)]
    [InlineData(50, 300, 100)]
    [InlineData(7, 300, 10)]
    public void KeptPacksGiveTheUnpackedBitsAtOneAndTwoThreads(int batch, int inFeatures, int outFeatures)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            Tensor? atOne = null;
            Tensor x = Tensor.Zeros(1), w = x, b = x;
            foreach (int threads in new[] { 1, 2 })
            {
                using var scope = Threads.Use(threads);
                // The same values at each thread count, in a fresh weight with nothing kept.
                var (xs, ws, bs) = Random(dtype, batch * 1000 + outFeatures, [batch, inFeatures], [outFeatures, inFeatures], [outFeatures]);
                (x, w, b) = (xs, ws, bs);
                string what = $"[{batch}, {inFeatures}]·[{outFeatures}, {inFeatures}]ᵀ {dtype.Name()} at {threads} thread(s)";
                var expected = Unpacked(x, w, b);
                AssertBits(expected, Inference(x, w, b, what), what);
                if (atOne is null) atOne = expected;
                else AssertBits(atOne, expected, $"{what}: against one thread");
            }
            Close(Naive(x, w, b), atOne!, dtype == DType.Float32 ? 1e-4 : 1e-12, $"{dtype.Name()} against the naive sum");
        }
    }

    /// <summary>
    /// Weights read through views: every other row and a column window of a larger buffer (Wᵀ with both strides
    /// above 1), and W given as the transpose of a contiguous [in, out] matrix (Wᵀ contiguous, 40×32 float32: 5 KB, which
    /// the unpacked GEMM reads in place, unpacked) — each packed as it lies, each the unpacked bits; x [20, 40] is read in
    /// place too, and x [128, 40] (20 KB) is packed, so the packed path's kernel meets both a strided and a packed A.
    /// </summary>
    [Fact]
    public void StridedAndTransposedWeightViewsAreKeyedAndPackedAsTheyLie()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            foreach (int rows in new[] { 20, 128 })
            {
                // Fresh weights for each x, so that each starts with nothing kept.
                var (x, buffer, contiguous) = Random(dtype, 7 + rows, [rows, 40], [64, 50], [40, 32]);
                var strided = buffer[TensorIndex.Slice(null, null, 2), TensorIndex.Slice(3, 43)];     // [32, 40], strides (100, 1)
                var transposed = contiguous.T;                                                         // [32, 40], strides (1, 32)
                foreach (var (w, name) in new[] { (strided, "strided"), (transposed, "transposed") })
                {
                    string what = $"{name} {dtype.Name()}, x [{rows}, 40]";
                    var expected = Unpacked(x, w, null);
                    AssertBits(expected, Inference(x, w, null, what), what);
                    Close(Naive(x, w, null), expected, dtype == DType.Float32 ? 1e-4 : 1e-12, $"{what} against the naive sum");
                }
                // The whole buffer read as another view: its own entry, the strided view's pack kept.
                using (Autograd.NoGrad())
                    for (int call = 0; call < 2; call++) Functional.Linear(Tensor.Ones([4, 50], dtype), buffer);
                Assert.Equal(2, CpuPackedLinearWeights.PackedEntries(strided));
            }
    }

    /// <summary>x = 1 [16, 300], W constant per output: y[i, o] = 300·w[o] + b[o], exact in float32 for these values.</summary>
    private static void AssertClosedForm(Tensor w, Tensor b, params float[] perOutput)
    {
        Tensor y;
        using (Autograd.NoGrad()) y = Functional.Linear(Tensor.Ones([16, 300]), w, b);
        var values = y.ToArray<float>();
        var bias = b.ToArray<float>();
        for (int i = 0; i < 16; i++)
            for (int o = 0; o < 40; o++)
            {
                float expected = 300 * perOutput[Math.Min(o, perOutput.Length - 1)] + bias[o];
                Assert.True(values[i * 40 + o] == expected, $"row {i} output {o}: {values[i * 40 + o]}, expected {expected}");
            }
    }

    private static void Warm(Tensor w, Tensor b)
    {
        using (Autograd.NoGrad())
            for (int call = 0; call < 2; call++) Functional.Linear(Tensor.Ones([16, 300]), w, b);
        Assert.Equal(1, CpuPackedLinearWeights.PackedEntries(w));
    }

    [Fact]
    public void InPlaceWritesArePackedAgainNeverServedStale()
    {
        var w = Tensor.Full([40, 300], 1f);
        var b = Tensor.Arange(40).To(DType.Float32);
        Warm(w, b);
        AssertClosedForm(w, b, 1);
        w.Fill(2);
        Assert.Equal(0, CpuPackedLinearWeights.PackedEntries(w));
        AssertClosedForm(w, b, 2);
        Warm(w, b);
        w.MulInPlace(0.5);
        AssertClosedForm(w, b, 1);
        Warm(w, b);
        w.Select(0, 1).Fill(3);              // another tensor object on the same storage
        AssertClosedForm(w, b, 1, 3, 1);
        Warm(w, b);
        w.CopyFrom(Tensor.Full([40, 300], 0.25f));
        AssertClosedForm(w, b, 0.25f);
    }

    /// <summary>
    /// An optimizer step between inference calls: W = 1, x = 1 [16, 300], the loss Σy has ∂/∂W = 16 everywhere, so
    /// SGD with lr 1/64 leaves W = 0.75; the packed output after the step is the closed form and the unpacked bits.
    /// </summary>
    [Fact]
    public void AnOptimizerStepIsPackedAgain()
    {
        var w = Tensor.Full([40, 300], 1f).RequireGrad();
        var b = Tensor.Zeros([40], DType.Float32);
        Warm(w, b);
        Functional.Linear(Tensor.Ones([16, 300]), w, b).Sum().Backward();
        new SGD([w], lr: 1.0 / 64).Step();
        AssertClosedForm(w, b, 0.75f);
        AssertClosedForm(w, b, 0.75f);       // now from the pack made at the new version
        Assert.Equal(1, CpuPackedLinearWeights.PackedEntries(w));
        var x = Tensor.Randn([16, 300], DType.Float32, new Generator(3));
        Tensor y;
        using (Autograd.NoGrad()) y = Functional.Linear(x, w, b);
        AssertBits(Unpacked(x, w, b), y, "after the step, through the pack");
    }

    /// <summary>Training calls (gradients on), however many at one version, never pack or note the weights, and leave an outdated pack dropped.</summary>
    [Fact]
    public void TrainingCallsNeverPack()
    {
        var w = Tensor.Full([40, 300], 1f).RequireGrad();
        var b = Tensor.Zeros([40], DType.Float32);
        for (int call = 0; call < 3; call++) Functional.Linear(Tensor.Ones([16, 300]), w, b).Sum().Backward();
        Assert.Equal(0, CpuPackedLinearWeights.Entries(w));
        Warm(w.Detach(), b);
        using (Autograd.NoGrad()) w.Fill(2);
        var y = Functional.Linear(Tensor.Ones([16, 300]), w, b);   // gradients on: not packed again, the old pack gone
        Assert.Equal(0, CpuPackedLinearWeights.Entries(w));
        Assert.All(y.ToArray<float>(), v => Assert.Equal(600f, v));
    }

    /// <summary>Batch 1 takes the matrix-vector product, which reads W in place: nothing is packed or noted, and the bits are the plain product's.</summary>
    [Fact]
    public void OneRowTakesNoPack()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var (x, w, b) = Random(dtype, 11, [1, 784], [256, 784], [256]);
            var expected = Unpacked(x, w, b);
            using var noGrad = Autograd.NoGrad();
            for (int call = 0; call < 3; call++) AssertBits(expected, Functional.Linear(x, w, b), $"batch 1 {dtype.Name()} call {call}");
            Assert.Equal(0, CpuPackedLinearWeights.Entries(w));
        }
    }

    /// <summary>A weight no longer referenced takes its pack with it (the cache holds the storage weakly).</summary>
    [Fact]
    public void ADroppedWeightFreesItsPack()
    {
        var (weight, pack) = PackAndDrop();
        for (int i = 0; i < 3 && (weight.IsAlive || pack.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(weight.IsAlive, "the dropped weight's storage is still alive");
        Assert.False(pack.IsAlive, "the dropped weight's packed Wᵀ is still alive");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]   // the weight's locals must be gone when the caller collects
    private static (WeakReference Weight, WeakReference Pack) PackAndDrop()
    {
        var linear = new Linear(300, 40);
        using (Autograd.NoGrad())
            for (int call = 0; call < 2; call++) linear.Forward(Tensor.Ones([16, 300]));
        var packs = CpuPackedLinearWeights.Packs(linear.Weight);
        Assert.Single(packs);
        return (new WeakReference(linear.Weight.storage), new WeakReference(packs[0]));
    }

    /// <summary>Operands that make no product are an error naming the primitive and the shapes, before anything is packed.</summary>
    [Fact]
    public void OperandsThatMakeNoProductAreAClearError()
    {
        var w = Tensor.Ones([40, 300]);
        var c = Tensor.Zeros([16, 40]);
        var error = Assert.Throws<ArgumentException>(() => c.Backend.MatMulWeights(c, Tensor.Ones([16, 299]), w.TransposedMatrix(), accumulate: false, inference: true));
        Assert.Contains("MatMulWeights", error.Message);
        Assert.Contains("a float32[16, 299]", error.Message);
        Assert.Contains("b float32[300, 40]", error.Message);
        Assert.Throws<ArgumentException>(() => c.Backend.MatMulWeights(c, Tensor.Ones([16, 300], DType.Float64), w.TransposedMatrix(), accumulate: false, inference: true));
        Assert.Equal(0, CpuPackedLinearWeights.Entries(w));
    }

    /// <summary>Three tensors of standard normal values of the given shapes, drawn in turn from one seeded generator.</summary>
    private static (Tensor, Tensor, Tensor) Random(DType dtype, int seed, int[] first, int[] second, int[] third)
    {
        var gen = new Generator(seed);
        return (Tensor.Randn(first, dtype, gen), Tensor.Randn(second, dtype, gen), Tensor.Randn(third, dtype, gen));
    }

    /// <summary>Σ_l x[i, l]·w[o, l] + b[o] in float64, one term after another: the textbook affine map (GBC §6.1).</summary>
    private static double[] Naive(Tensor x, Tensor w, Tensor? b)
    {
        var xs = x.Contiguous().ToDoubleArray();
        var ws = w.Contiguous().ToDoubleArray();
        var bs = b?.ToDoubleArray();
        int m = x.Size(0), k = x.Size(1), n = w.Size(0);
        var y = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int o = 0; o < n; o++)
            {
                double sum = bs?[o] ?? 0;
                for (int l = 0; l < k; l++) sum += xs[i * k + l] * ws[o * k + l];
                y[i * n + o] = sum;
            }
        return y;
    }

    private static void Close(double[] expected, Tensor actual, double relative, string what)
    {
        var values = actual.ToDoubleArray();
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(values[i] - expected[i]) <= relative * scale, $"{what}: element {i} is {values[i]}, expected {expected[i]}");
    }

    /// <summary>Exact equality (float32 widens to float64 exactly), naming the first element that differs.</summary>
    private static void AssertBits(Tensor expected, Tensor actual, string what)
    {
        double[] e = expected.ToDoubleArray(), a = actual.ToDoubleArray();
        Assert.Equal(e.Length, a.Length);
        int differ = Enumerable.Range(0, a.Length).Count(i => a[i] != e[i]);
        int first = Enumerable.Range(0, a.Length).FirstOrDefault(i => a[i] != e[i]);
        Assert.True(differ == 0, $"{what}: {differ} of {a.Length} outputs differ, the first at {first}: {a[first]} vs {e[first]}");
    }
}
