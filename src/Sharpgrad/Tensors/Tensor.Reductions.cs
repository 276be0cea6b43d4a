using Sharpgrad.Backends;

namespace Sharpgrad;

// Reductions over any set of dims. Sum, Prod, Max/Min and Norm are primitives with their own backward; Mean, Var,
// Std and LogSumExp are compositions of them, so they inherit exact (and higher-order) gradients. A list of dims
// may use negative dims, may not name a dim twice, and reduces every dim when it is empty (PyTorch 1.13).
public sealed partial class Tensor
{
    public Tensor Sum() => Sum(AllDims(), keepdim: false);

    public Tensor Sum(int dim, bool keepdim = false) => Sum([dim], keepdim);

    public Tensor Sum(int[] dims, bool keepdim = false)
    {
        if (HalfPrecision.Applies(this)) return HalfPrecision.Compute(this, (dims, keepdim), static (x, s) => x.Sum(s.dims, s.keepdim));
        dims = ReductionDims(dims, "Sum");
        var (result, plan) = Reduce(ReductionKind.Sum, dims, keepdim, "Sum");
        return result.Record("Sum", [this], g => [(keepdim ? g : g.Reshape(plan.KeptShape)).Expand(shape)]);
    }

    public Tensor Mean() => Mean(AllDims(), keepdim: false);

    public Tensor Mean(int dim, bool keepdim = false) => Mean([dim], keepdim);

    public Tensor Mean(int[] dims, bool keepdim = false)
    {
        if (HalfPrecision.Applies(this)) return HalfPrecision.Compute(this, (dims, keepdim), static (x, s) => x.Mean(s.dims, s.keepdim));
        Elementwise.RequireFloat(this, "Mean");
        dims = ReductionDims(dims, "Mean");
        return Sum(dims, keepdim) / ReducedCount(dims);
    }

    public Tensor Prod() => Prod(AllDims(), keepdim: false);

    public Tensor Prod(int dim, bool keepdim = false) => Prod([dim], keepdim);

    /// <summary>Product over dims. Its gradient is the product of the other elements, also where some are 0.</summary>
    public Tensor Prod(int[] dims, bool keepdim = false)
    {
        dims = ReductionDims(dims, "Prod");
        var (result, plan) = Reduce(ReductionKind.Product, dims, keepdim, "Prod");
        return result.Record("Prod", [this], g => [(keepdim ? g : g.Reshape(plan.KeptShape)) * ProductOfOthers(dims, result.Reshape(plan.KeptShape))]);
    }

    /// <summary>
    /// ∂∏ⱼxⱼ/∂xᵢ = ∏ⱼ≠ᵢ xⱼ for each element, given the product (with kept dims). Without zeros that is ∏/xᵢ. With
    /// zeros, let P be the product of the non-zeros and S the sum of the zero elements (whose value is 0, but whose
    /// derivative picks out the zeros). One zero: P at the zero, (P/xᵢ)·S elsewhere. Two zeros: P·(S − xᵢ), the other
    /// zero times P, at each zero, and 0 elsewhere. More: 0. Every value is PyTorch's, and the terms that are 0 in value
    /// are written so that their derivatives, the second derivative of Prod, are right as well.
    /// </summary>
    private Tensor ProductOfOthers(int[] dims, Tensor product)
    {
        var isZero = Eq(0);   // a comparison: never recorded
        if (!isZero.Any()) return product / this;
        var zeroCount = isZero.Sum(dims, keepdim: true);
        var nonZeros = Where(isZero, 1.0, this);
        var nonZeroProduct = nonZeros.Prod(dims, keepdim: true);
        var zeroSum = Where(isZero, this, 0.0).Sum(dims, keepdim: true);
        var atZeros = Where(zeroCount.Eq(1), nonZeroProduct.ExpandAs(this), Where(zeroCount.Eq(2), nonZeroProduct * (zeroSum - this), 0.0));
        var elsewhere = Where(zeroCount.Eq(0), nonZeroProduct / nonZeros, Where(zeroCount.Eq(1), nonZeroProduct / nonZeros * zeroSum, 0.0));
        return Where(isZero, atZeros, elsewhere);
    }

    /// <summary>Runs a sum-like reduction primitive (float dtypes as they are, integers and bools as int64).</summary>
    private (Tensor Result, ReductionPlan Plan) Reduce(ReductionKind kind, int[] dims, bool keepdim, string op)
    {
        var source = DType.IsFloatingPoint() ? this : To(DType.Int64);
        var plan = ReductionPlan.For(source, dims, op);
        var y = Uninitialized(source.DType, plan.KeptShape, Device);
        y.Backend.Reduce(y, plan.Block, plan.Outer, plan.Length, plan.Inner, kind);
        return (keepdim ? y : y.View(plan.DroppedShape), plan);
    }

    /// <summary>The largest element; where several elements tie for it, they share the gradient evenly (PyTorch).</summary>
    public Tensor Max() => ExtremeValue(AllDims(), keepdim: false, max: true, "Max");

    /// <summary>The smallest element; where several elements tie for it, they share the gradient evenly (PyTorch).</summary>
    public Tensor Min() => ExtremeValue(AllDims(), keepdim: false, max: false, "Min");

    /// <summary>Max along a dim with the index of its first occurrence; the gradient goes to that element only.</summary>
    public (Tensor Values, Tensor Indices) Max(int dim, bool keepdim = false) => Extreme(dim, keepdim, max: true);

    public (Tensor Values, Tensor Indices) Min(int dim, bool keepdim = false) => Extreme(dim, keepdim, max: false);

    public Tensor ArgMax() => Flatten().Max(0).Indices;

    public Tensor ArgMax(int dim, bool keepdim = false) => Max(dim, keepdim).Indices;

    public Tensor ArgMin() => Flatten().Min(0).Indices;

    public Tensor ArgMin(int dim, bool keepdim = false) => Min(dim, keepdim).Indices;

    private (Tensor, Tensor) Extreme(int dim, bool keepdim, bool max)
    {
        string op = max ? "Max" : "Min";
        if (Count == 0) throw new ArgumentException($"{op}: cannot reduce an empty tensor of shape {ShapeText}.");
        var source = DType == DType.Bool ? To(DType.Int64) : this;
        var plan = ReductionPlan.For(source, [dim], op);
        var values = Uninitialized(source.DType, plan.KeptShape, Device);
        var indices = Uninitialized(DType.Int64, plan.KeptShape, Device);
        values.Backend.ArgExtreme(values, indices, plan.Block, plan.Outer, plan.Length, plan.Inner, max);
        int d = ShapeUtil.NormalizeDim(dim, Rank, op);
        var v = keepdim ? values : values.View(plan.DroppedShape);
        var i = keepdim ? indices : indices.View(plan.DroppedShape);
        v = v.Record(op, [this], g => [ZerosLike(this).ScatterAdd(d, indices, keepdim ? g : g.Reshape(plan.KeptShape))]);
        return (v, i);
    }

    /// <summary>Variance with Bessel's correction by default (divide by n−1); <c>unbiased: false</c> divides by n.</summary>
    public Tensor Var(int[]? dims = null, bool unbiased = true, bool keepdim = false) => Variance(dims, unbiased, keepdim, "Var");

    public Tensor Var(int dim, bool unbiased = true, bool keepdim = false) => Var([dim], unbiased, keepdim);

    public Tensor Std(int[]? dims = null, bool unbiased = true, bool keepdim = false) => Variance(dims, unbiased, keepdim, "Std").Sqrt();

    public Tensor Std(int dim, bool unbiased = true, bool keepdim = false) => Std([dim], unbiased, keepdim);

    private Tensor Variance(int[]? dims, bool unbiased, bool keepdim, string op)
    {
        Elementwise.RequireFloat(this, op);
        dims = ReductionDims(dims, op);
        var centered = this - Mean(dims, keepdim: true);
        return (centered * centered).Sum(dims, keepdim) / (ReducedCount(dims) - (unbiased ? 1 : 0));
    }

    /// <summary>log Σ exp(x), shifted by the max so it never overflows (GBC §4.1).</summary>
    public Tensor LogSumExp(int[] dims, bool keepdim = false)
    {
        Elementwise.RequireFloat(this, "LogSumExp");
        dims = ReductionDims(dims, "LogSumExp");
        Tensor shift;
        using (Autograd.NoGrad())
        {
            // An empty slice has no max; its sum of exponentials is 0, so the answer is log 0 = −∞ (PyTorch).
            shift = Count == 0 ? Empty(DType, ReductionPlan.For(this, dims, "LogSumExp").KeptShape, Device) : ExtremeOf(dims, max: true);
            // An all −∞ slice would give −∞ − (−∞) = NaN; shifting by 0 there keeps the answer −∞.
            shift = Where(shift.Abs().Eq(double.PositiveInfinity), ZerosLike(shift), shift);
        }
        var result = (this - shift).Exp().Sum(dims, keepdim: true).Log() + shift;
        return keepdim ? result : result.Squeeze(dims);
    }

    public Tensor LogSumExp(int dim, bool keepdim = false) => LogSumExp([dim], keepdim);

    /// <summary>
    /// The p-norm (p = 1, 2, ∞ or any p &gt; 0) over the given dims, or over all elements. Its gradient at a slice that
    /// is all zeros is 0 (PyTorch), where the chain rule through a square root would give 0·∞ = NaN.
    /// </summary>
    public Tensor Norm(double p = 2, int[]? dims = null, bool keepdim = false)
    {
        Elementwise.RequireFloat(this, "Norm");
        dims = ReductionDims(dims, "Norm");
        if (double.IsPositiveInfinity(p)) return Abs().ExtremeValue(dims, keepdim, max: true, "Norm");
        if (!(p > 0)) throw new ArgumentException($"Norm: p must be positive, got {p}.");
        if (p == 1) return Abs().Sum(dims, keepdim);
        Tensor norm;
        using (Autograd.NoGrad()) norm = p == 2 ? (this * this).Sum(dims, keepdim: true).Sqrt() : Abs().Pow(p).Sum(dims, keepdim: true).Pow(1 / p);
        var y = keepdim ? norm : norm.Squeeze(dims);
        return y.Record("Norm", [this], g =>
        {
            // ∂‖x‖ₚ/∂xᵢ = sign(xᵢ)·|xᵢ|ᵖ⁻¹ / ‖x‖ₚᵖ⁻¹, taken as 0 where the norm is 0; y (not the detached norm) keeps
            // the rule differentiable for second order.
            var keptNorm = keepdim ? y : y.Reshape(norm.shape);
            var keptGrad = keepdim ? g : g.Reshape(norm.shape);
            var scale = Where(keptNorm.Eq(0), 0.0, p == 2 ? keptGrad / keptNorm : keptGrad / keptNorm.Pow(p - 1));
            var scaled = p == 2 ? this : Where(Eq(0), 0.0, Sign() * Abs().Pow(p - 1));
            return [scaled * scale];
        });
    }

    /// <summary>
    /// The largest (or smallest) value over <paramref name="dims"/> (normalised), without an index. Elements that tie
    /// for it share the gradient evenly, as in PyTorch's max()/min()/amax/amin; NaN is the extreme where present, and
    /// then the NaNs share it. (Max(dim), which returns an index, sends the gradient to that index instead.)
    /// </summary>
    private Tensor ExtremeValue(int[] dims, bool keepdim, bool max, string op)
    {
        if (Count == 0) throw new ArgumentException($"{op}: cannot reduce an empty tensor of shape {ShapeText}.");
        Tensor kept;
        using (Autograd.NoGrad()) kept = ExtremeOf(dims, max);
        var y = keepdim ? kept : kept.Squeeze(dims);
        return y.Record(op, [this], g =>
        {
            Tensor share;
            using (Autograd.NoGrad())
            {
                var dtype = g.DType;
                var hit = Eq(kept).To(dtype) + Ne(this).To(dtype) * kept.Ne(kept).To(dtype);
                share = hit / hit.Sum(dims, keepdim: true);
            }
            return [(keepdim ? g : g.Reshape(kept.shape)) * share];
        });
    }

    /// <summary>The max (or min) over several dims with kept dims, one dim at a time; not recorded.</summary>
    private Tensor ExtremeOf(int[] dims, bool max)
    {
        var result = Alias();   // a distinct tensor even when there is no dim to reduce (a 0-d input)
        foreach (var d in dims)
            result = max ? result.Max(d, keepdim: true).Values : result.Min(d, keepdim: true).Values;
        return result;
    }

    /// <summary>True when every element is non-zero (or true).</summary>
    public bool All() => Count == 0 || Bool().Long().Sum().Item<long>() == Count;

    /// <summary>True when some element is non-zero (or true).</summary>
    public bool Any() => Count > 0 && Bool().Long().Sum().Item<long>() > 0;

    private int[] AllDims() => Enumerable.Range(0, Rank).ToArray();

    /// <summary>
    /// A reduction's dims made non-negative. An empty list means every dim, as in PyTorch 1.13 (sum(dim=[]) sums all);
    /// a dim named twice, e.g. [0, −2] on a matrix, is an error rather than a silent double reduction.
    /// </summary>
    private int[] ReductionDims(int[]? dims, string op)
    {
        if (dims is null || dims.Length == 0) return AllDims();
        var normalized = new int[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            normalized[i] = ShapeUtil.NormalizeDim(dims[i], Rank, op);
            if (Array.IndexOf(normalized, normalized[i], 0, i) >= 0)
                throw new ArgumentException($"{op}: dim {normalized[i]} appears more than once in dims {ShapeUtil.Format(dims)} (shape {ShapeText}).");
        }
        return normalized;
    }

    /// <summary>The number of elements in one reduced slice; <paramref name="dims"/> are normalised and distinct.</summary>
    private int ReducedCount(int[] dims) => dims.Aggregate(1, (n, d) => n * shape[d]);
}
