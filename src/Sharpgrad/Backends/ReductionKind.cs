namespace Sharpgrad.Backends;

/// <summary>The operation <see cref="Backend.Reduce"/> folds each line with.</summary>
internal enum ReductionKind
{
    /// <summary>x₀ + x₁ + …; 0 for an empty line.</summary>
    Sum,

    /// <summary>x₀ · x₁ · …; 1 for an empty line.</summary>
    Product,
}
