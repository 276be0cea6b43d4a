using System.Numerics;
using Sharpgrad.Backends.Cpu;
using Sharpgrad.Kernels;

namespace Sharpgrad.Tests.Kernels;

/// <summary>
/// Small dense elementwise ops skip the strided layout and call the kernel's run directly (<see cref="SingleRun"/>,
/// issue #20). Each case here is held to a plain scalar loop on odd sizes (the SIMD body, the scalar tail, or both),
/// with operands at an offset in their storage, broadcast single elements (stride 0), writing in place, and a view
/// that needs the layout after all; and the two paths must give the same bits where both apply.
/// </summary>
public class SingleRunTests
{
    public static TheoryData<int> Sizes => [1, 7, 13, 33, 1003];

    private static float[] Values(int n, double phase) => [.. Enumerable.Range(0, n).Select(i => (float)(Math.Sin(i * 0.37 + phase) * 3))];

    [Theory, MemberData(nameof(Sizes))]
    public void Dense_operands_at_offsets_match_a_scalar_loop(int n)
    {
        float[] a = Values(n + 3, 0.1), b = Values(n + 5, 2.3);
        // Narrow views: contiguous, but starting 3 and 5 elements into their storage.
        var x = Tensor.FromArray(a).Narrow(0, 3, n);
        var y = Tensor.FromArray(b).Narrow(0, 5, n);
        float[] sum = (x + y).ToArray<float>(), product = (x * y).ToArray<float>(), relu = x.Relu().ToArray<float>();
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(a[i + 3] + b[i + 5], sum[i]);
            Assert.Equal(a[i + 3] * b[i + 5], product[i]);
            Assert.Equal(Math.Max(a[i + 3], 0f), relu[i]);
        }
    }

    [Theory, MemberData(nameof(Sizes))]
    public void A_single_element_operand_is_read_with_stride_zero(int n)
    {
        float[] a = Values(n, 0.4);
        var x = Tensor.FromArray(a);
        var one = Tensor.FromArray(new[] { 1.5f }, 1);
        float[] left = (one - x).ToArray<float>(), right = (x - one).ToArray<float>(), scalar = (x * 2.5).ToArray<float>();
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(1.5f - a[i], left[i]);
            Assert.Equal(a[i] - 1.5f, right[i]);
            Assert.Equal(a[i] * 2.5f, scalar[i]);
        }
    }

    [Theory, MemberData(nameof(Sizes))]
    public void In_place_on_a_contiguous_view_writes_only_that_view(int n)
    {
        float[] a = Values(n + 4, 1.1), b = Values(n, 0.7);
        var storage = Tensor.FromArray(a);
        storage.Narrow(0, 2, n).AddInPlace(Tensor.FromArray(b));
        var result = storage.ToArray<float>();
        for (int i = 0; i < n + 4; i++)
            Assert.Equal(i >= 2 && i < n + 2 ? a[i] + b[i - 2] : a[i], result[i]);
    }

    [Fact]
    public void A_transposed_operand_still_goes_through_the_layout()
    {
        // [3, 5]ᵀ is not contiguous: the op must read it through its strides, element (i, j) from (j, i).
        float[] a = Values(15, 0.2), b = Values(15, 1.9);
        var x = Tensor.FromArray(a, 3, 5).Transpose(0, 1);
        var y = Tensor.FromArray(b, 5, 3);
        var sum = (x + y).ToArray<float>();
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(a[j * 5 + i] + b[i * 3 + j], sum[i * 3 + j]);
    }

    [Theory, MemberData(nameof(Sizes))]
    public void The_run_puts_whole_vectors_on_simd_lanes_and_the_rest_on_the_scalar_tail(int n)
    {
        // The one run over all n elements that the strided layout would make for an op below the parallel grain, so the
        // bits are the layout path's: Exp's vector form and scalar form may differ in the last bit, and which elements
        // take which form is part of the result (the determinism rule).
        float[] a = Values(n, 0.5);
        var got = Tensor.FromArray(a).Exp().ToArray<float>();
        var exp = default(ExpOp<float>);
        int lanes = Vector<float>.Count, whole = n / lanes * lanes;
        for (int i = 0; i < whole; i += lanes)
        {
            var vector = exp.Apply(new Vector<float>(a, i));
            for (int j = 0; j < lanes; j++) Assert.Equal(vector[j], got[i + j]);
        }
        for (int i = whole; i < n; i++) Assert.Equal(exp.Apply(a[i]), got[i]);
    }
    [Theory, MemberData(nameof(Sizes))]
    public void In_place_on_a_strided_output_writes_every_other_element(int n)
    {
        // Column 0 of an [n, 2] matrix is a strided view: not a single run, so it must go through the layout and leave
        // column 1 untouched.
        float[] a = Values(2 * n, 0.9), b = Values(n, 2.2);
        var matrix = Tensor.FromArray(a, n, 2);
        matrix.Select(1, 0).AddInPlace(Tensor.FromArray(b));
        var result = matrix.ToArray<float>();
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(a[2 * i] + b[i], result[2 * i]);
            Assert.Equal(a[2 * i + 1], result[2 * i + 1]);
        }
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Operands_of_other_shapes_but_the_same_count_broadcast_in_order(int n)
    {
        // [1, n] + [n] is [1, n]: both operands have the output's count and are read in flat order.
        double[] a = [.. Values(n, 0.3).Select(v => (double)v)], b = [.. Values(n, 1.3).Select(v => (double)v)];
        var sum = (Tensor.FromArray(a, 1, n) + Tensor.FromArray(b)).ToArray<double>();
        for (int i = 0; i < n; i++) Assert.Equal(a[i] + b[i], sum[i]);
        long[] c = [.. Enumerable.Range(0, n).Select(i => (long)(i * 7 - 20))];
        var product = (Tensor.FromArray(c) * Tensor.FromArray(c, 1, n)).ToArray<long>();
        for (int i = 0; i < n; i++) Assert.Equal(c[i] * c[i], product[i]);
    }

    [Fact]
    public void Sizes_at_the_parallel_grain_edge_match_a_scalar_loop()
    {
        // Just below two grains the op is one run; at and above it the layout splits it into chunks. Both must give the
        // scalar loop's sums.
        foreach (int n in new[] { 2 * (int)StridedLayout.DefaultParallelGrain - 1, 2 * (int)StridedLayout.DefaultParallelGrain, 2 * (int)StridedLayout.DefaultParallelGrain + 1 })
        {
            float[] a = Values(n, 0.6), b = Values(n, 1.6);
            var sum = (Tensor.FromArray(a) + Tensor.FromArray(b)).ToArray<float>();
            for (int i = 0; i < n; i++) Assert.Equal(a[i] + b[i], sum[i]);
        }
    }

    [Fact]
    public void An_empty_view_is_not_a_run()
    {
        var empty = Tensor.Zeros(0, 5).Slice(1, 3, 5);
        Assert.False(SingleRun.Fits(empty));
        Assert.Equal(0, empty.Exp().Count);
    }
}
