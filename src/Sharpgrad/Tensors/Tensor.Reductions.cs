using Sharpgrad.Kernels;

namespace Sharpgrad;

// Reductions over any set of dims. Sum, Prod and Max/Min are primitives with their own backward; Mean, Var,
// Std, LogSumExp and Norm are compositions of them, so they inherit exact (and higher-order) gradients.
public sealed partial class Tensor
{
    public Tensor Sum() => Sum(AllDims(), keepdim: false);

    public Tensor Sum(int dim, bool keepdim = false) => Sum([dim], keepdim);

    public Tensor Sum(int[] dims, bool keepdim = false)
    {
        var (result, plan) = ReduceWith(default(SumReduction), dims, keepdim, "Sum");
        return result.Record("Sum", [this], g => [(keepdim ? g : g.Reshape(plan.KeptShape)).Expand(shape)]);
    }

    public Tensor Mean() => Mean(AllDims(), keepdim: false);

    public Tensor Mean(int dim, bool keepdim = false) => Mean([dim], keepdim);

    public Tensor Mean(int[] dims, bool keepdim = false)
    {
        Elementwise.RequireFloat(this, "Mean");
        return Sum(dims, keepdim) / ReducedCount(dims, "Mean");
    }

    public Tensor Prod() => Prod(AllDims(), keepdim: false);

    public Tensor Prod(int dim, bool keepdim = false) => Prod([dim], keepdim);

    /// <summary>Product over dims. Its gradient ∏/xᵢ is computed by division, so it is undefined at zeros.</summary>
    public Tensor Prod(int[] dims, bool keepdim = false)
    {
        var (result, plan) = ReduceWith(default(ProdReduction), dims, keepdim, "Prod");
        return result.Record("Prod", [this], g => [(keepdim ? g : g.Reshape(plan.KeptShape)) * result.Reshape(plan.KeptShape) / this]);
    }

    /// <summary>Runs a sum-like reduction kernel (float dtypes as they are, integers and bools as int64).</summary>
    private (Tensor Result, ReductionPlan Plan) ReduceWith<TKernel>(TKernel kernel, int[] dims, bool keepdim, string op)
        where TKernel : struct, IReductionKernel
    {
        var source = DType.IsFloatingPoint() ? this : To(DType.Int64);
        var plan = ReductionPlan.For(source, dims, op);
        var y = Empty(source.DType, plan.KeptShape);
        var b = plan.Block;
        switch (source.DType)
        {
            case DType.Float32: kernel.Run(b.Data<float>(), b.offset, plan.Outer, plan.Length, plan.Inner, y.Data<float>()); break;
            case DType.Float64: kernel.Run(b.Data<double>(), b.offset, plan.Outer, plan.Length, plan.Inner, y.Data<double>()); break;
            default: kernel.Run(b.Data<long>(), b.offset, plan.Outer, plan.Length, plan.Inner, y.Data<long>()); break;
        }
        return (keepdim ? y : y.View(plan.DroppedShape), plan);
    }

    /// <summary>The largest element.</summary>
    public Tensor Max() => Flatten().Max(0).Values;

    public Tensor Min() => Flatten().Min(0).Values;

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
        var values = Empty(source.DType, plan.KeptShape);
        var indices = Empty(DType.Int64, plan.KeptShape);
        var idx = indices.Data<long>();
        var b = plan.Block;
        switch (source.DType)
        {
            case DType.Float32: ReductionKernels.ArgExtreme(b.Data<float>(), b.offset, plan.Outer, plan.Length, plan.Inner, max, values.Data<float>(), idx); break;
            case DType.Float64: ReductionKernels.ArgExtreme(b.Data<double>(), b.offset, plan.Outer, plan.Length, plan.Inner, max, values.Data<double>(), idx); break;
            default: ReductionKernels.ArgExtreme(b.Data<long>(), b.offset, plan.Outer, plan.Length, plan.Inner, max, values.Data<long>(), idx); break;
        }
        int d = ShapeUtil.NormalizeDim(dim, Rank, op);
        var v = keepdim ? values : values.View(plan.DroppedShape);
        var i = keepdim ? indices : indices.View(plan.DroppedShape);
        v = v.Record(op, [this], g => [ZerosLike(this).ScatterAdd(d, indices, keepdim ? g : g.Reshape(plan.KeptShape))]);
        return (v, i);
    }

    /// <summary>Variance with Bessel's correction by default (divide by n−1); <c>unbiased: false</c> divides by n.</summary>
    public Tensor Var(int[]? dims = null, bool unbiased = true, bool keepdim = false)
    {
        Elementwise.RequireFloat(this, "Var");
        dims ??= AllDims();
        var centered = this - Mean(dims, keepdim: true);
        return (centered * centered).Sum(dims, keepdim) / (ReducedCount(dims, "Var") - (unbiased ? 1 : 0));
    }

    public Tensor Var(int dim, bool unbiased = true, bool keepdim = false) => Var([dim], unbiased, keepdim);

    public Tensor Std(int[]? dims = null, bool unbiased = true, bool keepdim = false) => Var(dims, unbiased, keepdim).Sqrt();

    public Tensor Std(int dim, bool unbiased = true, bool keepdim = false) => Std([dim], unbiased, keepdim);

    /// <summary>log Σ exp(x), shifted by the max so it never overflows (GBC §4.1).</summary>
    public Tensor LogSumExp(int[] dims, bool keepdim = false)
    {
        Elementwise.RequireFloat(this, "LogSumExp");
        Tensor shift;
        using (Autograd.NoGrad())
        {
            shift = AmaxOver(dims, keepdim: true, "LogSumExp");
            // An all −∞ slice would give −∞ − (−∞) = NaN; shifting by 0 there keeps the answer −∞.
            shift = Where(shift.Abs().Eq(double.PositiveInfinity), ZerosLike(shift), shift);
        }
        var result = (this - shift).Exp().Sum(dims, keepdim: true).Log() + shift;
        return keepdim ? result : result.Squeeze(dims);
    }

    public Tensor LogSumExp(int dim, bool keepdim = false) => LogSumExp([dim], keepdim);

    /// <summary>The p-norm (p = 1, 2, ∞ or any p &gt; 0) over the given dims, or over all elements.</summary>
    public Tensor Norm(double p = 2, int[]? dims = null, bool keepdim = false)
    {
        Elementwise.RequireFloat(this, "Norm");
        dims ??= AllDims();
        if (double.IsPositiveInfinity(p)) return Abs().AmaxOver(dims, keepdim, "Norm");
        if (p <= 0) throw new ArgumentException($"Norm: p must be positive, got {p}.");
        if (p == 1) return Abs().Sum(dims, keepdim);
        if (p == 2) return (this * this).Sum(dims, keepdim).Sqrt();
        return Abs().Pow(p).Sum(dims, keepdim).Pow(1 / p);
    }

    /// <summary>The max over several dims, one dim at a time.</summary>
    private Tensor AmaxOver(int[] dims, bool keepdim, string op)
    {
        var result = this;
        foreach (var d in dims.Select(d => ShapeUtil.NormalizeDim(d, Rank, op)).Distinct())
            result = result.Max(d, keepdim: true).Values;
        return keepdim ? result : result.Squeeze(dims);
    }

    /// <summary>True when every element is non-zero (or true).</summary>
    public bool All() => Count == 0 || Bool().Long().Sum().Item<long>() == Count;

    /// <summary>True when some element is non-zero (or true).</summary>
    public bool Any() => Count > 0 && Bool().Long().Sum().Item<long>() > 0;

    private int[] AllDims() => Enumerable.Range(0, Rank).ToArray();

    private int ReducedCount(int[] dims, string op)
    {
        int n = 1;
        foreach (var d in dims.Select(d => ShapeUtil.NormalizeDim(d, Rank, op)).Distinct()) n *= shape[d];
        return n;
    }
}
