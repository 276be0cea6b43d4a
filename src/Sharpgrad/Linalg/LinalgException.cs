namespace Sharpgrad;

/// <summary>
/// A linear-algebra routine met input it cannot factor: a singular matrix in Solve or Inv, a matrix that is not
/// positive-definite in Cholesky, or an iteration that did not converge. PyTorch raises torch.linalg.LinAlgError
/// in the same places. Wrong shapes, dtypes and non-finite entries are <see cref="ArgumentException"/>s instead.
/// </summary>
public sealed class LinalgException(string message) : ArithmeticException(message);
