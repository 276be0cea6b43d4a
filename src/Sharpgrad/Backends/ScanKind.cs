namespace Sharpgrad.Backends;

/// <summary>Which running operation <see cref="Backend.Scan"/> applies: y_j = x_0 ⊕ … ⊕ x_j.</summary>
internal enum ScanKind
{
    /// <summary>Running sums (CumSum).</summary>
    Sum,

    /// <summary>Running products (CumProd).</summary>
    Product,

    /// <summary>Running log Σ exp (LogCumSumExp): a ⊕ b = log(eᵃ + eᵇ); floating point only.</summary>
    LogSumExp,
}
