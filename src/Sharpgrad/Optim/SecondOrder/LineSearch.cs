namespace Sharpgrad.Optim;

/// <summary>How a line-search optimiser chooses the step along its direction (PyTorch's <c>line_search_fn</c>).</summary>
public enum LineSearch
{
    /// <summary>A fixed step: lr (after a scaled-down first step), as PyTorch's LBFGS with line_search_fn=None.</summary>
    None = 0,

    /// <summary>PyTorch's "strong_wolfe": cubic-interpolation search for a step satisfying the strong Wolfe conditions.</summary>
    StrongWolfe = 1,
}
