namespace Sharpgrad.Kernels;

/// <summary>
/// What the forward pass of <see cref="BatchNormKernel.Affine{T}"/> does after the affine map: add a residual (contiguous,
/// the output's shape) and then apply a ReLU, either or both; the default does neither.
/// </summary>
internal readonly record struct AffineEpilogue<T>(T[]? Residual, int ResidualOffset, bool Relu);
