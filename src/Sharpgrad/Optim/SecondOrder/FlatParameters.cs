namespace Sharpgrad.Optim;

/// <summary>
/// All parameters of an optimiser seen as one vector θ ∈ ℝⁿ, the view that second-order and line-search methods
/// need: they take dot products of whole gradients and move along whole directions (GBC §8.6). PyTorch's LBFGS does
/// the same with <c>_gather_flat_grad</c> and <c>_add_grad</c>. The vector is never stored: gradients are
/// concatenated on demand and directions are cut back into the parameters' shapes.
/// </summary>
internal sealed class FlatParameters
{
    private readonly IReadOnlyList<Tensor> parameters;

    public FlatParameters(string optimizer, IReadOnlyList<Tensor> parameters)
    {
        var dtypes = parameters.Select(p => p.DType).Distinct().ToList();
        if (dtypes.Count != 1)
            throw new ArgumentException($"{optimizer}: treats all parameters as one vector, so they must share a dtype; got " +
                                        $"{string.Join(" and ", dtypes.Select(d => d.Name()))}.");
        this.parameters = parameters;
        DType = dtypes[0];
        Count = parameters.Sum(p => p.Count);
    }

    /// <summary>n, the total number of scalars in all parameters.</summary>
    public int Count { get; }

    public DType DType { get; }

    /// <summary>The parameter that carries the optimiser's state (PyTorch keeps LBFGS's state on the first one).</summary>
    public Tensor First => parameters[0];

    public IReadOnlyList<Tensor> Parameters => parameters;

    /// <summary>∇θ as one vector; a parameter without a gradient (unused by the loss) contributes zeros, as in PyTorch.</summary>
    public Tensor Gradient() => Concatenate(parameters.Select(p => p.Grad ?? Tensor.ZerosLike(p)));

    /// <summary>Tensors (gradients, Hessian-vector products, ...) shaped like the parameters, as one vector.
    /// Differentiable, so a gradient computed with createGraph keeps its graph.</summary>
    public static Tensor Concatenate(IEnumerable<Tensor> partsShapedLikeParameters) =>
        Tensor.Cat(partsShapedLikeParameters.Select(t => t.Reshape(-1)).ToList());

    /// <summary>A copy of θ.</summary>
    public Tensor Values()
    {
        using var noGrad = Autograd.NoGrad();
        return Concatenate(parameters.Select(p => p.Detach()));
    }

    /// <summary>θ ← θ + step·direction, in place.</summary>
    public void Add(double step, Tensor direction)
    {
        using var noGrad = Autograd.NoGrad();
        int offset = 0;
        foreach (var p in parameters)
        {
            p.AddInPlace(direction.Narrow(0, offset, p.Count).View(p.Shape), step);
            offset += p.Count;
        }
    }

    /// <summary>θ ← values, in place.</summary>
    public void Set(Tensor values)
    {
        using var noGrad = Autograd.NoGrad();
        int offset = 0;
        foreach (var p in parameters)
        {
            p.CopyFrom(values.Narrow(0, offset, p.Count).View(p.Shape));
            offset += p.Count;
        }
    }
}
