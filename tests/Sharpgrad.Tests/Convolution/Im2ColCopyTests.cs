using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Tests.Convolution;

/// <summary>
/// <see cref="Im2Col.Copy{T}"/>, the run copy under im2col, for every run length from 1 to two vectors and one: it
/// switches between element-by-element, two overlapping 128-bit vectors and overlapping whole vectors by the length
/// and by <see cref="Vector{T}.Count"/>, which <c>DOTNET_MaxVectorTBitWidth</c> sets (128, 256 or 512 bits), so the
/// lengths follow whatever width is running. Sentinels on both sides of the destination run catch a copy that
/// writes outside it; distinct source values catch one that skips or misplaces an element inside it.
/// </summary>
public class Im2ColCopyTests
{
    private const int Margin = 16;

    [Fact]
    public void EveryRunLengthUpToTwoVectorsIsCopiedExactly()
    {
        Check<float>();
        Check<double>();

        static void Check<T>() where T : unmanaged, INumber<T>
        {
            var sentinel = T.CreateTruncating(-7);
            for (int length = 1; length <= 2 * Vector<T>.Count + 1; length++)
            {
                var from = new T[length + 2 * Margin];
                for (int i = 0; i < from.Length; i++) from[i] = T.CreateTruncating(i + 1);
                var to = new T[length + 2 * Margin];
                Array.Fill(to, sentinel);
                Im2Col.Copy(ref from[Margin], ref to[Margin], length);
                for (int i = 0; i < to.Length; i++)
                {
                    var expected = i >= Margin && i < Margin + length ? T.CreateTruncating(i + 1) : sentinel;
                    Assert.True(expected == to[i],
                        $"{typeof(T).Name}, run of {length} ({Vector<T>.Count} lanes): element {i - Margin} of the run is {to[i]}, expected {expected}");
                }
            }
        }
    }
}
