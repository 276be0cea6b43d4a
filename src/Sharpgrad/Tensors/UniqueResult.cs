namespace Sharpgrad;

/// <summary>
/// What <see cref="Tensor.Unique"/> returns (torch.unique's tuple): the distinct values (or slices) in ascending order,
/// and, when asked for, where each input element (or slice) went and how often each value occurs.
/// </summary>
/// <param name="Values">the distinct elements, 1-D; or, with a dim, the distinct slices along it</param>
/// <param name="Inverse">int64: for each input element (shape of the input) or slice (1-D), its index in Values; null unless returnInverse</param>
/// <param name="Counts">int64, one per entry of Values; null unless returnCounts</param>
public sealed record UniqueResult(Tensor Values, Tensor? Inverse, Tensor? Counts);
