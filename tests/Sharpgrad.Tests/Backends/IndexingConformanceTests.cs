using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Backends;

/// <summary>
/// The indexing primitives on both backends where the op table does not reach: int64 and bool tensors, strided and
/// offset views, negative dims, empty selections, repeated indices, in-place index assignment, the data-dependent
/// length of a masked select, and the errors an out-of-range index raises. Every indexing primitive only moves
/// elements, or adds them in the same index order on both backends, so the two agree exactly.
/// </summary>
public class IndexingConformanceTests
{
    public static TheoryData<DType> AllDTypes => [DType.Float32, DType.Float64, DType.Int64, DType.Bool];

    public static TheoryData<DType> NumericDTypes => [DType.Float32, DType.Float64, DType.Int64];

    public static TheoryData<DType> FloatDTypes => [DType.Float32, DType.Float64];

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void IndexSelectOfStridedAndOffsetViews(DType dtype)
    {
        // A transposed input (copied to contiguous by the op), an offset input (read in place) and a strided index.
        BackendPair.Exact(() => Values(dtype, 1, 2, 4, 3).Transpose(0, 2).IndexSelect(-2, Long(3, 0, 3, 1)));
        BackendPair.Exact(() => Values(dtype, 2, 5, 3).Narrow(0, 1, 3).IndexSelect(0, Tensor.From(new long[,] { { 2, 9 }, { 0, 9 } })[.., 0]));
        BackendPair.Exact(() => Values(dtype, 3, 3, 2).IndexSelect(1, Tensor.Zeros([0], DType.Int64)));
    }

    [Theory]
    [MemberData(nameof(NumericDTypes))]
    public void IndexAddAndIndexCopyWithRepeats(DType dtype)
    {
        BackendPair.Exact(() => Values(dtype, 4, 4, 3).IndexAdd(0, Long(2, 0, 2), Values(dtype, 5, 3, 3)));
        BackendPair.Exact(() => Values(dtype, 6, 2, 4).IndexCopy(-1, Long(3, 1, 3), Values(dtype, 7, 2, 3).Transpose(0, 1).Contiguous().Transpose(0, 1)));
        BackendPair.Exact(() => Values(dtype, 8, 3, 2).IndexAdd(0, Tensor.Scalar(1, DType.Int64), Values(dtype, 9, 1, 2)));
    }

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void GatherWithNegativeDimSmallerAndEmptyIndex(DType dtype)
    {
        BackendPair.Exact(() => Values(dtype, 10, 3, 4).Gather(-1, Tensor.From(new long[,] { { 0, 3, 3 }, { 1, 1, 0 } })));
        BackendPair.Exact(() => Values(dtype, 11, 4, 3).Transpose(0, 1).Gather(0, Tensor.From(new long[,] { { 2, 0, 1, 1 } })));
        BackendPair.Exact(() => Values(dtype, 12, 2, 3).Gather(1, Tensor.Zeros([2, 0], DType.Int64)));
    }

    [Theory]
    [MemberData(nameof(NumericDTypes))]
    public void ScatterAndScatterAddWithRepeatsAndALargerStridedSource(DType dtype)
    {
        var index = () => Tensor.From(new long[,] { { 0, 0, 2 }, { 1, 2, 1 } });
        BackendPair.Exact(() => Values(dtype, 13, 2, 3).Scatter(1, index(), Values(dtype, 14, 3, 4).Transpose(0, 1)));
        BackendPair.Exact(() => Values(dtype, 15, 2, 3).ScatterAdd(-1, index(), Values(dtype, 16, 2, 5)));
        BackendPair.Exact(() => Values(dtype, 17, 3, 3).Scatter(0, Tensor.From(new long[,] { { 2, 0 } }), 7.0));
    }

    [Theory]
    [MemberData(nameof(NumericDTypes))]
    public void ScatterReduceEveryReduction(DType dtype)
    {
        var index = () => Tensor.From(new long[,] { { 0, 0, 2, 0 }, { 3, 1, 3, 3 } });
        foreach (var reduce in new[] { "sum", "prod", "mean", "amax", "amin" })
            foreach (var includeSelf in new[] { true, false })
                BackendPair.Exact(() => Values(dtype, 18, 2, 4).ScatterReduce(1, index(), Values(dtype, 19, 2, 5), reduce, includeSelf));
    }

    [Theory]
    [MemberData(nameof(FloatDTypes))]
    public void ScatterReduceKeepsNaNInMaxAndMin(DType dtype)
    {
        foreach (var reduce in new[] { "amax", "amin" })
            BackendPair.Exact(() => Tensor.From(new[] { 1.0, double.NaN, 0.0 }).To(dtype)
                .ScatterReduce(0, Long(0, 0, 1, 2, 2), Tensor.From(new[] { 5.0, double.NaN, 2.0, -1.0, 3.0 }).To(dtype), reduce));
    }

    [Fact]
    public void ScatterReduceInt64MeanRoundsTowardMinusInfinityOnTheReferenceBackend()
    {
        // Worked by hand: without self, (−3 − 4) / 2 = −3.5 → −4 and 5 / 1 = 5; with self, (0 − 7) / 3 → −3 and (0 + 5) / 2 → 2.
        using var _ = Device.Use(Device.Reference);
        var self = Tensor.Zeros([2], DType.Int64);
        var source = Tensor.From(new long[] { -3, -4, 5 });
        Assert.Equal([-4L, 5L], self.ScatterReduce(0, Long(0, 0, 1), source, "mean", includeSelf: false).ToArray<long>());
        Assert.Equal([-3L, 2L], self.ScatterReduce(0, Long(0, 0, 1), source, "mean").ToArray<long>());
    }

    [Fact]
    public void GatherOnTheReferenceBackendPicksByHand()
    {
        using var _ = Device.Use(Device.Reference);
        var picked = Tensor.From(new double[,] { { 1, 2 }, { 3, 4 } }).Gather(1, Tensor.From(new long[,] { { 1, 0 }, { 0, 0 } }));
        Assert.Equal(Device.Reference, picked.Device);
        Assert.Equal([2.0, 1.0, 3.0, 3.0], picked.ToArray<double>());
    }

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void MaskedSelectWithBroadcastStridedAndEmptyMasks(DType dtype)
    {
        BackendPair.Exact(() => Values(dtype, 20, 3, 4).MaskedSelect(Tensor.From(new[] { true, false, true, true })));
        BackendPair.Exact(() => Values(dtype, 21, 4, 3).Transpose(0, 1).MaskedSelect(Values(DType.Bool, 22, 4, 3).Transpose(0, 1)));
        BackendPair.Exact(() => Values(dtype, 23, 2, 3).MaskedSelect(Tensor.Zeros([2, 3], DType.Bool)));
        BackendPair.Exact(() => Values(dtype, 24, 2, 3)[Values(DType.Bool, 25, 2, 3)]);
    }

    [Theory]
    [MemberData(nameof(FloatDTypes))]
    public void MaskedSelectGradientScattersBackThroughABroadcastMask(DType dtype)
    {
        BackendPair.Exact(() =>
        {
            var x = Values(dtype, 26, 3, 4).RequireGrad();
            (x.MaskedSelect(Tensor.From(new[] { true, false, true, true })) * Values(dtype, 27, 9)).Sum().Backward();
            return x.Grad!;
        });
    }

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void AdvancedIndexingWithNegativeAndBroadcastIndices(DType dtype)
    {
        BackendPair.Exact(() => Values(dtype, 28, 3, 4)[Tensor.From(new long[,] { { 0 }, { -1 } }), Long(1, -1, 3)]);
        BackendPair.Exact(() => Values(dtype, 29, 3, 2, 4)[Long(0, -3), .., Long(-1, 1)]);
        BackendPair.Exact(() => Values(dtype, 30, 4, 3).IndexFill(0, Long(-1, 1), 1));
    }

    [Theory]
    [MemberData(nameof(NumericDTypes))]
    public void IndexPutAndIndexAssignmentInPlace(DType dtype)
    {
        BackendPair.Exact(() => Values(dtype, 31, 3, 2).IndexPut([Long(1, -2, 0)], Values(dtype, 32, 3, 2), accumulate: true));
        BackendPair.Exact(() =>
        {
            var x = Values(dtype, 33, 4, 3);
            x[Long(0, -4, 0), Long(2, 2, 1)] = Values(dtype, 34, 3);   // (0, 2) twice: the last value wins
            x[Values(DType.Bool, 35, 4, 3)] = Tensor.Scalar(-2, dtype);
            return x;
        });
    }

    [Fact]
    public void OneHotOnBothBackends()
    {
        BackendPair.Exact(() => Tensor.OneHot(Tensor.From(new long[,] { { 2, 0 }, { 1, 2 } }), 3));
        BackendPair.Exact(() => Tensor.OneHot(Long(1, 0), 2, DType.Bool));
    }

    [Fact]
    public void OutOfRangeIndicesFailTheSameWayOnBothBackends()
    {
        SameErrorOnBoth(() => Values(DType.Float32, 36, 2, 3).IndexSelect(1, Long(0, 3)));
        SameErrorOnBoth(() => Values(DType.Float64, 37, 2, 3).IndexAdd(0, Long(-1), Values(DType.Float64, 38, 1, 3)));
        SameErrorOnBoth(() => Values(DType.Int64, 39, 2, 3).Gather(1, Tensor.From(new long[,] { { 0, -1 } })));
        SameErrorOnBoth(() => Values(DType.Float64, 40, 2, 3).ScatterAdd(0, Tensor.From(new long[,] { { 1, 2 } }), Values(DType.Float64, 41, 1, 2)));
        SameErrorOnBoth(() => Values(DType.Float64, 42, 2, 3).ScatterReduce(0, Tensor.From(new long[,] { { 2 } }), Values(DType.Float64, 43, 1, 1), "amax"));
        SameErrorOnBoth(() => Values(DType.Int64, 44, 2, 3)[.., Long(2, -4)]);
        SameErrorOnBoth(() => Values(DType.Float32, 45, 2, 3).IndexFill(1, Long(3), 0));
    }

    [Fact]
    public void ClassLabelRangeAgreesAndCountsOnlyTheLabelsNotIgnored()
    {
        long[] labels = [3, -100, 0, 7, -100, 2];
        foreach (long? ignore in new long?[] { null, -100 })
        {
            var cpu = Device.Cpu.Backend.ClassLabelRange(Tensor.FromHost<long>(labels, [6], Device.Cpu), ignore);
            var reference = Device.Reference.Backend.ClassLabelRange(Tensor.FromHost<long>(labels, [6], Device.Reference), ignore);
            Assert.Equal(cpu, reference);
        }
        // By hand: with −100 ignored (standing in as class 0), the range is 0..7 and 4 labels count.
        Assert.Equal((0L, 7L, 4), Device.Reference.Backend.ClassLabelRange(Tensor.FromHost<long>(labels, [6], Device.Reference), -100));
        Assert.Equal((0L, 0L, 0), Device.Reference.Backend.ClassLabelRange(Tensor.Empty(DType.Int64, [0], Device.Reference), null));
        SameErrorOnBoth<ArgumentException>(() => Losses.CrossEntropy(Values(DType.Float32, 46, 2, 3), Long(1, 3)));
        BackendPair.Exact(() => Losses.CrossEntropy(Values(DType.Float64, 47, 3, 3), Long(1, -100, 2), ignoreIndex: -100));
    }

    [Fact]
    public void GradientsStayOnTheTensorsDeviceOutsideADeviceScope()
    {
        // No Device.Use here: new tensors default to the CPU, and the backward rules must still build theirs on the
        // reference device, where the operands are.
        Tensor[] Grads(Device device)
        {
            var x = Values(DType.Float64, 48, 3, 4).To(device).RequireGrad();
            var s = Values(DType.Float64, 49, 2, 4).To(device).RequireGrad();
            var index = Tensor.From(new long[,] { { 0, 2, 2, 1 }, { 2, 2, 0, 0 } }).To(device);
            var terms = new[]
            {
                x.ScatterReduce(0, index, s, "mean"), x.ScatterReduce(0, index, s, "prod", includeSelf: false),
                x.ScatterReduce(0, index, s, "amax"), x.Gather(0, index), x.IndexSelect(1, Long(3, 0, 3).To(device)),
                x.IndexAdd(0, Long(2, 0).To(device), s[.., 0..4]), x.Scatter(1, index[.., 0..2], 0.5),
                x[x.Gt(0)], x[Long(-1, 0).To(device), Long(1, 3).To(device)], x.IndexFill(1, Long(-1).To(device), 2.0),
            };
            // Each term backpropagates a weight of its own shape (a reduction to one loss would test the reductions too).
            for (int k = 0; k < terms.Length; k++)
            {
                Assert.Equal(device, terms[k].Device);
                terms[k].Backward(Values(DType.Float64, 50 + k, terms[k].Shape).To(device));
            }
            Assert.All(new[] { x.Grad!, s.Grad! }, t => Assert.Equal(device, t.Device));
            return [x.Grad!, s.Grad!];
        }
        var cpu = Grads(Device.Cpu);
        var reference = Grads(Device.Reference);
        for (int i = 0; i < cpu.Length; i++) Close(cpu[i], reference[i], 1e-12);
    }

    private static void SameErrorOnBoth(Func<Tensor> compute) => SameErrorOnBoth<IndexOutOfRangeException>(compute);

    private static void SameErrorOnBoth<TException>(Func<Tensor> compute) where TException : Exception
    {
        string Message(Device device)
        {
            using var _ = Device.Use(device);
            return Assert.Throws<TException>(() => compute()).Message;
        }
        Assert.Equal(Message(Device.Cpu), Message(Device.Reference));
    }

    private static Tensor Long(params long[] values) => Tensor.From(values);

    /// <summary>Seeded values of any dtype: normals, ×10 truncated for int64, their sign for bool.</summary>
    private static Tensor Values(DType dtype, int seed, params int[] shape)
    {
        var normal = Tensor.Randn(shape, DType.Float64, new Generator(seed));
        return dtype switch
        {
            DType.Bool => normal.Gt(0),
            DType.Int64 => (normal * 10).To(DType.Int64),
            _ => normal.To(dtype),
        };
    }
}
