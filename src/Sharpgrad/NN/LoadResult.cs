namespace Sharpgrad.NN;

/// <summary>
/// What <see cref="Module.LoadStateDict"/> could not match: parameters or buffers the state dict lacked
/// (<see cref="MissingKeys"/>) and entries the module has no place for (<see cref="UnexpectedKeys"/>).
/// Both are empty after a strict load, which throws instead.
/// </summary>
public sealed record LoadResult(IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys);
