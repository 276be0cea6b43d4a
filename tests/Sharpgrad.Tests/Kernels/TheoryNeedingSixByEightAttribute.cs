using Sharpgrad.Kernels;

namespace Sharpgrad.Tests.Kernels;

/// <summary>
/// A theory about <see cref="BlockTranspose.SixByEight"/>'s path, skipped with the reason shown on a CPU without AVX,
/// where <see cref="MatrixTranspose"/> never takes it (and the theory would otherwise pass without testing it).
/// </summary>
public sealed class TheoryNeedingSixByEightAttribute : TheoryAttribute
{
    public TheoryNeedingSixByEightAttribute()
    {
        if (!BlockTranspose.HasSixByEight)
        {
            Skip = "This CPU has no AVX, so MatrixTranspose never packs a six-row strip eight steps at a time (BlockTranspose.SixByEight).";
        }
    }
}
