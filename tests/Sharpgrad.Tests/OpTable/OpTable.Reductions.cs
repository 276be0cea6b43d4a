namespace Sharpgrad.Tests.OpTable;

// Issue #10's order statistics and NaN-aware reductions. Samples are tie-free (Distinct) so that the selected element
// is unique and finite differences do not cross a change of selection; the NaN-aware reductions get NaNs.
public static partial class OpTable
{
    [OpEntries]
    private static IEnumerable<OpInfo> Reductions() =>
    [
        Unary("Amax([0,2])", x => x.Amax([0, 2]), () => Distinct(700, 2, 3, 4)),
        Unary("Amax(-1, keepdim)", x => x.Amax(-1, keepdim: true), () => Distinct(701, 3, 4)),
        Unary("Amin()", x => x.Amin(), () => Distinct(702, 3, 4)),
        Unary("Amin([1], keepdim) of a transpose", x => x.Transpose(0, 1).Amin([1], keepdim: true), () => Distinct(703, 3, 4)),
        Unary("Median()", x => x.Median(), () => Distinct(704, 3, 5)),
        Unary("Median(1)", x => x.Median(1).Values, () => Distinct(705, 3, 4)),
        Unary("Median(0, keepdim)", x => x.Median(0, keepdim: true).Values, () => Distinct(706, 5, 3)),
        Unary("Mode(1)", x => x.Mode(1).Values, () => Distinct(707, 3, 4)),
        Unary("Quantile(0.3) linear", x => x.Quantile(0.3), () => Distinct(708, 3, 4)),
        Unary("Quantile(q, dim 1) midpoint", x => x.Quantile(Tensor.From(new[] { 0.2, 0.7 }).To(x.DType), 1, interpolation: "midpoint"),
            () => Distinct(709, 3, 5)),
        Unary("Quantile(0.6, dim 0, keepdim) lower", x => x.Quantile(0.6, 0, keepdim: true, interpolation: "lower"), () => Distinct(710, 4, 3)),
        Unary("Quantile(0.5, dim -1) nearest", x => x.Quantile(0.45, -1, interpolation: "nearest"), () => Distinct(711, 3, 5)),
        Unary("NanSum with NaNs", x => x.NanSum(), () => WithNaNs(712)),
        Unary("NanSum(1) with NaNs", x => x.NanSum([1]), () => WithNaNs(713)),
        Unary("NanMean(0, keepdim) with NaNs", x => x.NanMean([0], keepdim: true), () => WithNaNs(714)),
        Unary("VarMean(1)", x => x.VarMean(1).Var + x.VarMean(1).Mean * 0.5, () => Normal(715, 3, 4)),
        Unary("StdMean() biased", x => x.StdMean(unbiased: false).Std + x.StdMean(unbiased: false).Mean * 0.5, () => Normal(716, 3, 4)),
    ];

    /// <summary>A [3, 4] sample with NaN at three fixed positions (no slice of dim 0 all NaN).</summary>
    private static Tensor WithNaNs(int seed)
    {
        var mask = Tensor.From(new[] { true, false, false, false, false, false, true, false, false, true, false, false }).Reshape(3, 4);
        return Tensor.Where(mask, double.NaN, Tensor.Randn([3, 4], DType.Float64, new Generator(seed))).RequireGrad();
    }
}
